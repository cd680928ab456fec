import type { FileChange } from '../model/file-change.js';
import { changeBlocks, type ChangeBlock } from './change-blocks.js';
import { differingPairs } from './differing-pairs.js';
import { LineCounter } from './line-counter.js';

const COLORS = { header: '\u001b[1m', hunk: '\u001b[36m', added: '\u001b[32m', removed: '\u001b[31m', reset: '\u001b[0m' };
const CONTEXT = 3;

/**
 * A `git apply`-compatible patch with a/ b/ headers; /dev/null for created or deleted files.
 * Each file's patch is collected as strings that each end where a line ends (a line break is one
 * of them, or the end of a line of the files, sliced with its break) and joined once; the files'
 * patches are joined at the end, so that the pieces of only one file are held at a time (a large
 * repository's patch has hundreds of thousands of lines).
 */
export function renderUnifiedDiff(changes: readonly FileChange[], color: boolean): string {
  const patches: string[] = [];
  for (const change of changes) {
    if (change.before === change.after) continue;
    const out: string[] = [];
    const name = change.file.replaceAll('\\', '/');
    pushLine(out, `diff --git a/${name} b/${name}`, color);
    if (change.before === null) pushLine(out, 'new file mode 100644', color);
    else if (change.after === null) pushLine(out, 'deleted file mode 100644', color);
    pushLine(out, `--- ${change.before === null ? '/dev/null' : `a/${name}`}`, color);
    pushLine(out, `+++ ${change.after === null ? '/dev/null' : `b/${name}`}`, color);
    writeHunks(blocksOf(change), change.before ?? '', out, color);
    patches.push(out.join(''));
  }
  return patches.join('');
}

/**
 * The change blocks of a line diff. Each pair of corresponding pieces (one document and its new
 * text, when the change says how they align) is compared on its own: lines the two share at the
 * start and the end are set aside, and jsdiff aligns only the part between. The hunks then take
 * their context from the whole file, so it is always the file's real context. The new text is
 * read through its pieces when the change has them, so that it is never built whole.
 */
function blocksOf(change: FileChange): ChangeBlock[] {
  const before = change.before ?? '';
  const lines = new LineCounter(before);
  const blocks: ChangeBlock[] = [];
  for (const pair of differingPairs(change)) changeBlocks(before, pair.beforeStart, pair.beforeEnd, pair.afterText, lines, blocks);
  return blocks;
}

/**
 * Groups change blocks into hunks with CONTEXT lines of `before` around them, and writes them;
 * blocks fewer than 2 * CONTEXT unchanged lines apart share a hunk. Context lines are read from
 * where the blocks start and end, so no other line of the file is looked at.
 */
function writeHunks(blocks: readonly ChangeBlock[], before: string, out: string[], color: boolean): void {
  // Lines added minus lines removed by the blocks before the current hunk.
  let shift = 0;
  for (let first = 0; first < blocks.length; ) {
    let last = first;
    while (last + 1 < blocks.length && blocks[last + 1]!.oldStart - endOf(blocks[last]!) < 2 * CONTEXT) last++;
    const firstBlock = blocks[first]!;
    const leading = Math.min(CONTEXT, firstBlock.oldStart);
    const trailingEnd = linesForward(before, blocks[last]!.endOffset, CONTEXT);
    let context = leading + trailingEnd.count;
    let removed = 0;
    let added = 0;
    for (let index = first; index <= last; index++) {
      const block = blocks[index]!;
      if (index > first) context += block.oldStart - endOf(blocks[index - 1]!);
      removed += block.removed;
      added += block.added;
    }
    const start = firstBlock.oldStart - leading;
    pushLine(out, `@@ -${range(start + 1, context + removed)} +${range(start + 1 + shift, context + added)} @@`, color);
    pushRun(out, ' ', before, linesBack(before, firstBlock.startOffset, leading), firstBlock.startOffset, color);
    for (let index = first; index <= last; index++) {
      const block = blocks[index]!;
      if (index > first) pushRun(out, ' ', before, blocks[index - 1]!.endOffset, block.startOffset, color);
      for (const run of block.runs) pushRun(out, run.kind, run.text, 0, run.text.length, color);
    }
    pushRun(out, ' ', before, blocks[last]!.endOffset, trailingEnd.offset, color);
    shift += added - removed;
    first = last + 1;
  }
}

/** A line of the patch that is not a line of the files: a header. */
function pushLine(out: string[], line: string, color: boolean): void {
  out.push(color ? colorize(line) : line, '\n');
}

/**
 * The whole lines of `text` from `from` to `to` as lines of the patch marked with `kind`, and
 * the note after a last line that has no line break. Each line is a slice of the text with its
 * break: no string is built per line but when coloring.
 */
function pushRun(out: string[], kind: string, text: string, from: number, to: number, color: boolean): void {
  for (let at = from; at < to; ) {
    const newline = text.indexOf('\n', at);
    if (newline === -1 || newline >= to) {
      const line = text.slice(at, to);
      if (color) out.push(colorize(kind + line));
      else out.push(kind, line);
      out.push('\n', NO_NEWLINE, '\n');
      return;
    }
    if (color) out.push(colorize(kind + text.slice(at, newline)), '\n');
    else out.push(kind, text.slice(at, newline + 1));
    at = newline + 1;
  }
}

const NO_NEWLINE = '\\ No newline at end of file';

/** The start of the line `count` lines before the line that starts at `offset`. */
function linesBack(text: string, offset: number, count: number): number {
  let at = offset;
  for (let step = 0; step < count && at > 0; step++) at = at < 2 ? 0 : text.lastIndexOf('\n', at - 2) + 1;
  return at;
}

/** Where the line `count` lines after the line that starts at `offset` starts, and how many lines there are before the text ends. */
function linesForward(text: string, offset: number, count: number): { offset: number; count: number } {
  let at = offset;
  let lines = 0;
  for (; lines < count && at < text.length; lines++) {
    const newline = text.indexOf('\n', at);
    at = newline === -1 ? text.length : newline + 1;
  }
  return { offset: at, count: lines };
}

function endOf(block: ChangeBlock): number {
  return block.oldStart + block.removed;
}

function range(start: number, count: number): string {
  // A hunk with no lines on one side names the line before it (0 at the top of the file).
  const shown = count === 0 ? start - 1 : start;
  return count === 1 ? `${shown}` : `${shown},${count}`;
}

function colorize(line: string): string {
  if (line.startsWith('+++') || line.startsWith('---')) return `${COLORS.header}${line}${COLORS.reset}`;
  if (line.startsWith('@@')) return `${COLORS.hunk}${line}${COLORS.reset}`;
  if (line.startsWith('+')) return `${COLORS.added}${line}${COLORS.reset}`;
  if (line.startsWith('-')) return `${COLORS.removed}${line}${COLORS.reset}`;
  return line;
}
