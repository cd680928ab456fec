import { diffLineLists, type LinePart } from './diff-line-lists.js';
import type { LineCounter } from './line-counter.js';

/** A run of changed lines: the removed and added lines in the order the line diff gave them. */
export interface ChangeBlock {
  /** 0-based line of `before` where the block starts, and how many of its lines it removes and adds. */
  oldStart: number;
  removed: number;
  added: number;
  /** Where the block's first line starts in `before`, and where the line after its removed lines starts. */
  startOffset: number;
  endOffset: number;
  /** The patch's lines for it: `-` and `+` lines, each followed by a note when it has no line break. */
  lines: string[];
}

export const NO_NEWLINE = '\\ No newline at end of file';

/**
 * The changed lines of one piece pair, appended to `blocks`. The part that differs is found by
 * comparing characters (large pieces with one edit are not split into lines outside it) and
 * widened to whole lines. A piece pair starts at a line start in both texts, so the lines line
 * up. `after` is the new text of `before` from `beforeStart` to `beforeEnd`.
 */
export function changeBlocks(before: string, beforeStart: number, beforeEnd: number, after: string, lines: LineCounter, blocks: ChangeBlock[]): void {
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
  let oldOffset = beforeStart + windowStart;
  let oldLine = lines.lineOf(oldOffset) + same;
  for (let index = 0; index < same; index++) oldOffset += a[index]!.length;
  let current: ChangeBlock | null = null;
  for (const part of alignLines(a.slice(same, a.length - sameEnd), b.slice(same, b.length - sameEnd))) {
    if (!part.added && !part.removed) {
      oldLine += part.value.length;
      oldOffset += lengthOf(part.value);
      current = null;
      continue;
    }
    if (current === null) {
      current = { oldStart: oldLine, removed: 0, added: 0, startOffset: oldOffset, endOffset: oldOffset, lines: [] };
      blocks.push(current);
    }
    const kind = part.added ? '+' : '-';
    for (const line of part.value) pushLine(current.lines, kind, line);
    if (part.added) {
      current.added += part.value.length;
    } else {
      current.removed += part.value.length;
      oldLine += part.value.length;
      oldOffset += lengthOf(part.value);
      current.endOffset = oldOffset;
    }
  }
}

/** A line of the patch: its mark, the line without its break, and the note when it has none. */
export function pushLine(out: string[], kind: string, line: string): void {
  if (line.endsWith('\n')) {
    out.push(kind + line.slice(0, -1));
  } else {
    out.push(kind + line, NO_NEWLINE);
  }
}

/**
 * jsdiff's alignment of two line lists. Most edits replace or add lines that share nothing with
 * what they replace: those are all removed, then all added, which is what jsdiff answers too,
 * without its search (it is called for every edited document).
 */
function alignLines(a: string[], b: string[]): LinePart[] {
  if (a.length === 0 || b.length === 0 || !a.some((line) => b.includes(line))) {
    return [...(a.length > 0 ? [{ value: a, added: false, removed: true }] : []), ...(b.length > 0 ? [{ value: b, added: true, removed: false }] : [])];
  }
  return diffLineLists(a, b);
}

function lengthOf(lines: readonly string[]): number {
  let length = 0;
  for (const line of lines) length += line.length;
  return length;
}

function nextLineStart(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline === -1 ? text.length : newline + 1;
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

/** Lines with their line breaks, so a missing final newline is seen and reported. */
function splitLines(text: string): string[] {
  const lines: string[] = [];
  for (let at = 0; at < text.length; ) {
    const next = nextLineStart(text, at);
    lines.push(text.slice(at, next));
    at = next;
  }
  return lines;
}
