// The unified diff as it was before the fast one (src/reporters/unified-diff.ts at e13eff5), kept
// verbatim as the reference the differential tests compare with. Not used by the tool.
// Only the array diff: the package's index loads every differ (about 25 ms at start-up).
import { diffArrays } from 'diff/lib/diff/array.js';
import type { FileChange } from '../../src/model/file-change.js';
import { sliceOfPieces } from '../../src/yaml/text-pieces.js';

const COLORS = { header: '\u001b[1m', hunk: '\u001b[36m', added: '\u001b[32m', removed: '\u001b[31m', reset: '\u001b[0m' };
const CONTEXT = 3;

/** A `git apply`-compatible patch with a/ b/ headers; /dev/null for created or deleted files. */
export function referenceUnifiedDiff(changes: readonly FileChange[], color: boolean): string {
  let out = '';
  for (const change of changes) {
    if (change.before === change.after) continue;
    const name = change.file.replaceAll('\\', '/');
    const header = [
      `diff --git a/${name} b/${name}`,
      ...(change.before === null ? ['new file mode 100644'] : change.after === null ? ['deleted file mode 100644'] : []),
      `--- ${change.before === null ? '/dev/null' : `a/${name}`}`,
      `+++ ${change.after === null ? '/dev/null' : `b/${name}`}`,
    ];
    const body = [...header.slice(1), ...hunkLines(change.before ?? '', change.after ?? '', change.alignment, change.afterPieces)];
    out += `${header[0]}\n${(color ? body.map(colorize) : body).join('\n')}\n`;
  }
  return out;
}

type Op = { kind: ' ' | '-' | '+'; line: string };

/** A run of changed lines: the removed and added lines in the order the line diff gave them. */
interface ChangeBlock {
  /** 0-based line of `before` where the block starts, and how many of its lines it removes. */
  oldStart: number;
  removed: number;
  ops: Op[];
}

/**
 * The hunks of a line diff. Each pair of corresponding pieces (one document and its new text,
 * when the change says how they align) is compared on its own: lines the two share at the start
 * and the end are set aside, and jsdiff aligns only the part between. The hunks then take their
 * context from the whole file, so it is always the file's real context. The new text is read
 * through its pieces when the change has them, so that it is never built whole.
 */
function hunkLines(before: string, after: string, alignment: Int32Array | undefined, afterPieces: readonly string[] | undefined): string[] {
  const lineStarts = lineStartsOf(before);
  const blocks: ChangeBlock[] = [];
  const pairs = piecePairs(before, after, alignment, afterPieces);
  let beforeAt = 0;
  for (const { beforeEnd, afterText } of pairs) {
    if (before.slice(beforeAt, beforeEnd) !== afterText) blocks.push(...changeBlocks(before, beforeAt, beforeEnd, afterText, lineStarts));
    beforeAt = beforeEnd;
  }
  return hunksOf(blocks, before, lineStarts);
}

/**
 * The pieces to compare: where `before` ends each and the new text of each. Pieces are compared
 * line by line, so a cut that is not at a line start in both texts joins its two neighbours;
 * without a usable alignment the files are compared whole.
 */
function piecePairs(before: string, after: string, alignment: Int32Array | undefined, afterPieces: readonly string[] | undefined): { beforeEnd: number; afterText: string }[] {
  const afterLength = afterPieces ? afterPieces.reduce((sum, piece) => sum + piece.length, 0) : after.length;
  if (!alignment || alignment.length === 0 || !isUsable(alignment, before.length, afterLength)) return [{ beforeEnd: before.length, afterText: after }];
  const pairs: { beforeEnd: number; afterText: string }[] = [];
  const cutAfter = (from: number, to: number) => (afterPieces ? sliceOfPieces(afterPieces, from, to) : after.slice(from, to));
  let afterAt = 0;
  for (let at = 0; at < alignment.length; at += 2) {
    const beforeEnd = alignment[at]!;
    const afterEnd = alignment[at + 1]!;
    const last = at + 2 >= alignment.length;
    const afterEndsLine = afterEnd === 0 || afterEnd === afterLength || cutAfter(afterEnd - 1, afterEnd) === '\n';
    if (!last && !(isLineStart(before, beforeEnd) && afterEndsLine)) continue;
    pairs.push({ beforeEnd: last ? before.length : beforeEnd, afterText: cutAfter(afterAt, last ? afterLength : afterEnd) });
    afterAt = last ? afterLength : afterEnd;
  }
  return pairs;
}

function isLineStart(text: string, offset: number): boolean {
  return offset === 0 || offset === text.length || text[offset - 1] === '\n';
}

/** Cuts in order and within both texts; anything else is ignored and the files are compared whole. */
function isUsable(alignment: Int32Array, beforeLength: number, afterLength: number): boolean {
  let beforeAt = 0;
  let afterAt = 0;
  for (let at = 0; at + 1 < alignment.length; at += 2) {
    if (alignment[at]! < beforeAt || alignment[at + 1]! < afterAt) return false;
    beforeAt = alignment[at]!;
    afterAt = alignment[at + 1]!;
  }
  return alignment.length % 2 === 0 && beforeAt <= beforeLength && afterAt <= afterLength;
}

/**
 * The changed lines of one piece pair. The part that differs is found by comparing characters
 * (large pieces with one edit are not split into lines outside it) and widened to whole lines.
 * A piece pair starts at a line start in both texts, so the lines line up. `after` is the new
 * text of `before` from `beforeStart` to `beforeEnd`.
 */
function changeBlocks(before: string, beforeStart: number, beforeEnd: number, after: string, lineStarts: readonly number[]): ChangeBlock[] {
  const afterEnd = after.length;
  const shortest = Math.min(beforeEnd - beforeStart, afterEnd);
  const prefix = commonLength(shortest, (at, length) => before.slice(beforeStart + at, beforeStart + at + length) === after.slice(at, at + length));
  const suffix = commonLength(shortest - prefix, (at, length) => before.slice(beforeEnd - at - length, beforeEnd - at) === after.slice(afterEnd - at - length, afterEnd - at));
  const windowStart = prefix === 0 ? 0 : Math.max(beforeStart, before.lastIndexOf('\n', beforeStart + prefix - 1) + 1) - beforeStart;
  // The common end may start mid-line in either text (the shared end of `a\n\n` and `b\n` is one
  // line break): then the window takes the rest of that line, the same characters in both.
  const commonEnd = beforeEnd - suffix;
  const atLineStart = (commonEnd === beforeStart || before[commonEnd - 1] === '\n') && (afterEnd - suffix === 0 || after[afterEnd - suffix - 1] === '\n');
  const lineEnd = atLineStart ? commonEnd : Math.min(beforeEnd, nextLineStart(before, commonEnd));
  const widen = lineEnd - commonEnd;
  const a = splitLines(before.slice(beforeStart + windowStart, lineEnd));
  const b = splitLines(after.slice(windowStart, afterEnd - suffix + widen));
  let same = 0;
  while (same < a.length && same < b.length && a[same] === b[same]) same++;
  let sameEnd = 0;
  while (sameEnd < a.length - same && sameEnd < b.length - same && a[a.length - 1 - sameEnd] === b[b.length - 1 - sameEnd]) sameEnd++;
  let oldLine = lineOf(lineStarts, beforeStart + windowStart) + same;
  const blocks: ChangeBlock[] = [];
  let current: ChangeBlock | null = null;
  for (const part of alignLines(a.slice(same, a.length - sameEnd), b.slice(same, b.length - sameEnd))) {
    if (!part.added && !part.removed) {
      oldLine += part.value.length;
      current = null;
      continue;
    }
    current ??= blocks[blocks.push({ oldStart: oldLine, removed: 0, ops: [] }) - 1]!;
    for (const line of part.value) current.ops.push({ kind: part.added ? '+' : '-', line });
    if (part.removed) {
      current.removed += part.value.length;
      oldLine += part.value.length;
    }
  }
  return blocks;
}

/**
 * jsdiff's alignment of two line lists. Most edits replace or add lines that share nothing with
 * what they replace: those are all removed, then all added, which is what jsdiff answers too,
 * without its set-up for each call (it is called for every edited document).
 */
function alignLines(a: string[], b: string[]): { value: string[]; added?: boolean; removed?: boolean }[] {
  if (a.length === 0 || b.length === 0 || !a.some((line) => b.includes(line))) {
    return [...(a.length > 0 ? [{ value: a, removed: true }] : []), ...(b.length > 0 ? [{ value: b, added: true }] : [])];
  }
  return diffArrays(a, b);
}

function nextLineStart(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline === -1 ? text.length : newline + 1;
}

/** Offsets where the lines of `text` start; the last entry is the text's length when it ends with a line break. */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

/** The 0-based line that starts at or holds `offset`. */
function lineOf(lineStarts: readonly number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (lineStarts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * How many characters two texts share, from one end, up to `limit`: compared a block at a time
 * (string equality runs natively) in shrinking blocks, rather than one character at a time.
 */
function commonLength(limit: number, sameBlock: (at: number, length: number) => boolean): number {
  let common = 0;
  for (let block = 4096; block >= 1; block = block >> 4) {
    while (common + block <= limit && sameBlock(common, block)) common += block;
  }
  return common;
}

/**
 * Groups change blocks into hunks with CONTEXT lines of `before` around them; blocks fewer than
 * 2 * CONTEXT unchanged lines apart share a hunk.
 */
function hunksOf(blocks: readonly ChangeBlock[], before: string, lineStarts: readonly number[]): string[] {
  const lineCount = lineStarts[lineStarts.length - 1] === before.length ? lineStarts.length - 1 : lineStarts.length;
  const lineAt = (index: number) => before.slice(lineStarts[index], index + 1 < lineStarts.length ? lineStarts[index + 1] : before.length);
  const out: string[] = [];
  // Lines added minus lines removed by the blocks before the current hunk.
  let shift = 0;
  for (let first = 0; first < blocks.length; ) {
    let last = first;
    while (last + 1 < blocks.length && blocks[last + 1]!.oldStart - endOf(blocks[last]!) < 2 * CONTEXT) last++;
    const start = Math.max(0, blocks[first]!.oldStart - CONTEXT);
    const stop = Math.min(lineCount, endOf(blocks[last]!) + CONTEXT);
    const ops: Op[] = [];
    let line = start;
    for (let index = first; index <= last; index++) {
      const block = blocks[index]!;
      for (; line < block.oldStart; line++) ops.push({ kind: ' ', line: lineAt(line) });
      ops.push(...block.ops);
      line = endOf(block);
    }
    for (; line < stop; line++) ops.push({ kind: ' ', line: lineAt(line) });
    const oldCount = ops.filter((op) => op.kind !== '+').length;
    const newCount = ops.filter((op) => op.kind !== '-').length;
    out.push(`@@ -${range(start + 1, oldCount)} +${range(start + 1 + shift, newCount)} @@`);
    for (const op of ops) {
      out.push(`${op.kind}${op.line.endsWith('\n') ? op.line.slice(0, -1) : op.line}`);
      if (!op.line.endsWith('\n')) out.push('\\ No newline at end of file');
    }
    shift += newCount - oldCount;
    first = last + 1;
  }
  return out;
}

function endOf(block: ChangeBlock): number {
  return block.oldStart + block.removed;
}

/** Lines with their line breaks, so a missing final newline is seen and reported. */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
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
