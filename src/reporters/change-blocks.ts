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
  /** Its lines in the order the line diff gave them, a run of removed or added lines at a time: whole lines of `before` or of the new text. */
  runs: LineRun[];
}

export interface LineRun {
  kind: '-' | '+';
  text: string;
}

/**
 * The changed lines of one piece pair, appended to `blocks`. The part that differs is found by
 * comparing characters (large pieces with one edit are not split into lines outside it) and
 * widened to whole lines. A piece pair starts at a line start in both texts, so the lines line
 * up. `after` is the new text of `before` from `beforeStart` to `beforeEnd`.
 */
export function changeBlocks(before: string, beforeStart: number, beforeEnd: number, after: string, lines: LineCounter, blocks: ChangeBlock[]): void {
  const afterEnd = after.length;
  const shortest = Math.min(beforeEnd - beforeStart, afterEnd);
  const prefix = commonLength(shortest, (from, to) => before.slice(beforeStart + from, beforeStart + to) === after.slice(from, to));
  const suffix = commonLength(shortest - prefix, (from, to) => before.slice(beforeEnd - to, beforeEnd - from) === after.slice(afterEnd - to, afterEnd - from));
  const windowStart = prefix === 0 ? 0 : Math.max(beforeStart, before.lastIndexOf('\n', beforeStart + prefix - 1) + 1) - beforeStart;
  // The common end may start mid-line in either text (the shared end of `a\n\n` and `b\n` is one
  // line break): then the window takes the rest of that line, the same characters in both.
  const commonEnd = beforeEnd - suffix;
  const atLineStart = (commonEnd === beforeStart || before[commonEnd - 1] === '\n') && (afterEnd - suffix === 0 || after[afterEnd - suffix - 1] === '\n');
  const lineEnd = atLineStart ? commonEnd : Math.min(beforeEnd, nextLineStart(before, commonEnd));
  const widen = lineEnd - commonEnd;
  const newText = after.slice(windowStart, afterEnd - suffix + widen);
  const oldText = before.slice(beforeStart + windowStart, lineEnd);
  // Lines only added or only removed (most edits add lines at one place): one run, no line lists.
  if (oldText === '' || newText === '') {
    const text = oldText === '' ? newText : oldText;
    if (text === '') return;
    const start = beforeStart + windowStart;
    const count = lineCount(text);
    const removed = oldText === '' ? 0 : count;
    blocks.push({ oldStart: lines.lineOf(start), removed, added: count - removed, startOffset: start, endOffset: start + oldText.length, runs: [{ kind: oldText === '' ? '+' : '-', text }] });
    return;
  }
  const a = splitLines(oldText);
  const b = splitLines(newText);
  let same = 0;
  while (same < a.length && same < b.length && a[same] === b[same]) same++;
  let sameEnd = 0;
  while (sameEnd < a.length - same && sameEnd < b.length - same && a[a.length - 1 - sameEnd] === b[b.length - 1 - sameEnd]) sameEnd++;
  // Offsets in `before` and in `newText`; the lines both start with are the same length in both.
  const sameLength = lengthOf(a.slice(0, same));
  let oldOffset = beforeStart + windowStart + sameLength;
  let newOffset = sameLength;
  let oldLine = lines.lineOf(beforeStart + windowStart) + same;
  let current: ChangeBlock | null = null;
  for (const part of alignLines(a.slice(same, a.length - sameEnd), b.slice(same, b.length - sameEnd))) {
    const length = lengthOf(part.value);
    if (!part.added && !part.removed) {
      oldLine += part.value.length;
      oldOffset += length;
      newOffset += length;
      current = null;
      continue;
    }
    if (current === null) {
      current = { oldStart: oldLine, removed: 0, added: 0, startOffset: oldOffset, endOffset: oldOffset, runs: [] };
      blocks.push(current);
    }
    if (part.added) {
      current.runs.push({ kind: '+', text: newText.slice(newOffset, newOffset + length) });
      current.added += part.value.length;
      newOffset += length;
    } else {
      current.runs.push({ kind: '-', text: before.slice(oldOffset, oldOffset + length) });
      current.removed += part.value.length;
      oldLine += part.value.length;
      oldOffset += length;
      current.endOffset = oldOffset;
    }
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

/**
 * How many characters two texts share, from one end, up to `limit`, by halving: `sameSpan(from, to)`
 * says whether they agree from `from` to `to` characters from that end. Strings compare natively,
 * so a few long comparisons cost less than reading characters one by one (an edited text is often
 * a rope, slow to read by index) or many short slices.
 */
function commonLength(limit: number, sameSpan: (from: number, to: number) => boolean): number {
  let low = 0;
  let high = limit;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (sameSpan(low, middle)) low = middle;
    else high = middle - 1;
  }
  return low;
}

function nextLineStart(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline === -1 ? text.length : newline + 1;
}

/** How many lines `text` holds, a last one without a line break included. */
function lineCount(text: string): number {
  let count = text.endsWith('\n') ? 0 : 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  return count;
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
