import path from 'node:path';

/** A segment `.` or `..`, or an empty one: what normalizing would change besides backslashes. */
const NOT_NORMAL = /(?:^|\/)\.{1,2}(?:\/|$)|\/\//;

/**
 * A file's path as kustomizations name files: forward slashes, normalized. Asked for every
 * document of each collection of the inventory, and nearly every path is normal already, which a
 * regular expression tells faster than normalizing does.
 */
export function posixFile(file: string): string {
  const slashed = file.includes('\\') ? file.replaceAll('\\', '/') : file;
  return slashed !== '' && !NOT_NORMAL.test(slashed) ? slashed : path.posix.normalize(slashed);
}
