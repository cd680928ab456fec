/** DESIGN §8: 0 clean; 1 findings at or above --fail-on; 2 usage or input error; 3 external failure. */
export const EXIT = { ok: 0, findings: 1, usage: 2, external: 3 } as const;

/** An error the user can act on: printed without a stack trace, with its exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}
