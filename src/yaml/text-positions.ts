/** Small helpers over raw text positions; all offsets are into one document chunk. */

const BOM = '\uFEFF';

/**
 * Where the line holding `offset` starts. A byte-order mark is not part of the first line's
 * content: counting it would shift every column computed for root-level keys by one.
 */
export function lineStartOf(text: string, offset: number): number {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return start === 0 && text.startsWith(BOM) && offset > 0 ? 1 : start;
}

/** The offset just past the end of the line holding `offset` (after its newline, if any). */
export function nextLineStart(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

/** Where a line's content ends: before its `\r\n` or `\n`, or at the end of the text. */
export function lineContentEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  if (newline === -1) return text.length;
  return newline > 0 && text[newline - 1] === '\r' ? newline - 1 : newline;
}

/**
 * A node's end with trailing spaces dropped. The library lets an empty value's range run into
 * the indentation of the next line; taken as is, "the rest of the line" would be the next line.
 */
export function trimEnd(text: string, end: number): number {
  let at = end;
  while (at > 0 && (text[at - 1] === ' ' || text[at - 1] === '\t')) at--;
  return at;
}

/** 0-based column of `offset` in its line. */
export function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

/** The number of leading spaces of the line holding `offset`. */
export function lineIndent(text: string, offset: number): number {
  const start = lineStartOf(text, offset);
  let end = start;
  while (text[end] === ' ') end++;
  return end - start;
}

/** The file's line ending: CRLF when its first line break is one. */
export function lineEndingOf(text: string): '\n' | '\r\n' {
  const newline = text.indexOf('\n');
  return newline > 0 && text[newline - 1] === '\r' ? '\r\n' : '\n';
}

export interface Splice {
  start: number;
  end: number;
  text: string;
}

/** Applies splices computed against the same text; overlapping splices are a bug in the caller. */
export function applySplices(text: string, splices: readonly Splice[]): string {
  const ordered = [...splices].sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  let limit = Number.POSITIVE_INFINITY;
  for (const splice of ordered) {
    if (splice.end > limit) throw new Error('overlapping text edits');
    result = result.slice(0, splice.start) + splice.text + result.slice(splice.end);
    limit = splice.start;
  }
  return result;
}
