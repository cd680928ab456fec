import type { FileChange } from '../model/file-change.js';
import { changeBlocks, formatRun, type ChangeBlock } from './change-blocks.js';
import { differingPairs } from './differing-pairs.js';
import { LineCounter } from './line-counter.js';

const COLORS = { header: '\u001b[1m', hunk: '\u001b[36m', added: '\u001b[32m', removed: '\u001b[31m', reset: '\u001b[0m' };
const CONTEXT = 3;

/**
 * A `git apply`-compatible patch with a/ b/ headers; /dev/null for created or deleted files.
 * The patch is collected as header lines and runs of lines (see `formatRun`) and joined once.
 */
export function renderUnifiedDiff(changes: readonly FileChange[], color: boolean): string {
  const out: string[] = [];
  const push = color ? (text: string) => out.push(colorizeLines(text)) : (text: string) => out.push(text);
  for (const change of changes) {
    if (change.before === change.after) continue;
    const name = change.file.replaceAll('\\', '/');
    // Header lines are colored whole: a file name may hold a line break.
    out.push(`diff --git a/${name} b/${name}`);
    if (change.before === null) out.push('new file mode 100644');
    else if (change.after === null) out.push('deleted file mode 100644');
    out.push(...[`--- ${change.before === null ? '/dev/null' : `a/${name}`}`, `+++ ${change.after === null ? '/dev/null' : `b/${name}`}`].map((line) => (color ? colorize(line) : line)));
    writeHunks(blocksOf(change), change.before ?? '', push);
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
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
function writeHunks(blocks: readonly ChangeBlock[], before: string, push: (text: string) => void): void {
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
    push(`@@ -${range(start + 1, context + removed)} +${range(start + 1 + shift, context + added)} @@`);
    pushContext(before, linesBack(before, firstBlock.startOffset, leading), firstBlock.startOffset, push);
    for (let index = first; index <= last; index++) {
      const block = blocks[index]!;
      if (index > first) pushContext(before, blocks[index - 1]!.endOffset, block.startOffset, push);
      for (const run of block.runs) push(run);
    }
    pushContext(before, blocks[last]!.endOffset, trailingEnd.offset, push);
    shift += added - removed;
    first = last + 1;
  }
}

/** The lines of `text` from `from` to `to` (line starts) as context. */
function pushContext(text: string, from: number, to: number, push: (text: string) => void): void {
  if (from < to) push(formatRun(' ', text.slice(from, to)));
}

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

/** Colors each line of a run of lines. */
function colorizeLines(text: string): string {
  return text.includes('\n') ? text.split('\n').map(colorize).join('\n') : colorize(text);
}

function colorize(line: string): string {
  if (line.startsWith('+++') || line.startsWith('---')) return `${COLORS.header}${line}${COLORS.reset}`;
  if (line.startsWith('@@')) return `${COLORS.hunk}${line}${COLORS.reset}`;
  if (line.startsWith('+')) return `${COLORS.added}${line}${COLORS.reset}`;
  if (line.startsWith('-')) return `${COLORS.removed}${line}${COLORS.reset}`;
  return line;
}
