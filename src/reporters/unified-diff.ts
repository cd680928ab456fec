import { createTwoFilesPatch } from 'diff';
import type { FileChange } from '../model/file-change.js';

const COLORS = { header: '\u001b[1m', hunk: '\u001b[36m', added: '\u001b[32m', removed: '\u001b[31m', reset: '\u001b[0m' };

/** A `git apply`-compatible patch with a/ b/ headers; /dev/null for created or deleted files. */
export function renderUnifiedDiff(changes: readonly FileChange[], color: boolean): string {
  let out = '';
  for (const change of changes) {
    if (change.before === change.after) continue;
    const oldName = change.before === null ? '/dev/null' : `a/${portable(change.file)}`;
    const newName = change.after === null ? '/dev/null' : `b/${portable(change.file)}`;
    const patch = createTwoFilesPatch(oldName, newName, change.before ?? '', change.after ?? '', undefined, undefined, { context: 3 });
    // jsdiff writes an "Index:" line and a separator git does not expect; drop them.
    const body = patch.slice(patch.indexOf('--- '));
    out += `diff --git a/${portable(change.file)} b/${portable(change.file)}\n${color ? colorize(body) : body}`;
  }
  return out;
}

function portable(file: string): string {
  return file.replaceAll('\\', '/');
}

function colorize(patch: string): string {
  return patch
    .split('\n')
    .map((line) => {
      if (line.startsWith('+++') || line.startsWith('---')) return `${COLORS.header}${line}${COLORS.reset}`;
      if (line.startsWith('@@')) return `${COLORS.hunk}${line}${COLORS.reset}`;
      if (line.startsWith('+')) return `${COLORS.added}${line}${COLORS.reset}`;
      if (line.startsWith('-')) return `${COLORS.removed}${line}${COLORS.reset}`;
      return line;
    })
    .join('\n');
}
