/** Everything the CLI says besides its report goes to stderr, so stdout stays pipeable. */
export function say(text: string): void {
  process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function reportMissingPaths(missing: readonly string[]): void {
  for (const given of missing) say(`wimigrate: ${given}: no such file or folder`);
}
