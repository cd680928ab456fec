import { renameSync, rmSync, writeFileSync, statSync, chmodSync } from 'node:fs';
import path from 'node:path';

/**
 * Never leaves a half-written file: write a temporary file beside the target, then rename it
 * over the target (atomic on one file system). The target's permissions are kept.
 */
export function writeFileAtomic(target: string, text: string): void {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.wimigrate-${process.pid}.tmp`);
  let mode: number | undefined;
  try {
    mode = statSync(target).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  try {
    writeFileSync(temporary, text, { flag: 'wx' });
    if (mode !== undefined) chmodSync(temporary, mode);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** A report or diff: to the --output file (atomically) or to stdout. */
export function emit(text: string, output: string | null): void {
  if (output === null) process.stdout.write(text);
  else writeFileAtomic(output, text);
}
