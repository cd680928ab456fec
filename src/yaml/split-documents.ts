import { joinPieces, sliceOfPieces } from './text-pieces.js';

export interface DocumentChunk {
  index: number;
  /** Offsets of the chunk in the file text. */
  start: number;
  end: number;
  text: string;
  /** 0-based line of the chunk's first character in the file. */
  startLine: number;
}

/**
 * Splits a YAML stream at its `---` document markers; the marker line starts its chunk, and
 * whatever precedes the first marker (comments, a BOM, or a first document without a marker)
 * is chunk 0. A marker only counts at the start of a line, and YAML forbids such a line inside
 * any content (block scalars and quoted strings included), so a line scan is exact. Directives
 * (`%YAML 1.2`) belong to the document their marker starts, so they do not end a chunk.
 * Concatenating the chunk texts gives the input back.
 */
export function splitDocuments(text: string): DocumentChunk[] {
  return splitDocumentPieces([text]);
}

/**
 * splitDocuments of the pieces' concatenation, read piece by piece so that the whole text is never
 * built (see text-pieces.ts). Each piece but the last must end a line, which the new texts of
 * document chunks do; otherwise the pieces are joined first. A chunk's text is the piece itself
 * when they coincide.
 *
 * `wholeDocument(index)` may give, for a piece known to be one document chunk as an earlier split
 * cut it (so it holds no marker line but its first), how many line breaks it holds: that piece is
 * then not searched. The second pass splits edited files this way, where most pieces are
 * documents no edit touched.
 */
export function splitDocumentPieces(pieces: readonly string[], wholeDocument?: (index: number) => number | undefined): DocumentChunk[] {
  if (pieces.some((piece, index) => index < pieces.length - 1 && piece.length > 0 && !piece.endsWith('\n'))) {
    return splitDocumentPieces([joinPieces(pieces)]);
  }
  const bom = bomOf(pieces);
  // Without directives, only `---` lines cut: found by searching for them, not by reading every line.
  return pieces.some((piece, index) => piece.charCodeAt(index === 0 ? bom : 0) === 37 /* % */ || piece.includes('\n%'))
    ? splitLineByLine(pieces)
    : splitAtMarkers(pieces, bom, wholeDocument);
}

/** A byte-order mark belongs to chunk 0 but is not content: the first line is read after it. */
function bomOf(pieces: readonly string[]): number {
  return pieces.find((piece) => piece.length > 0)?.charCodeAt(0) === 0xfeff ? 1 : 0;
}

/**
 * The split of pieces with no directive lines: chunks start at the `---` markers but the first
 * line's (which stays in chunk 0, with anything before it). Each file is split once per run,
 * before the engine has optimized anything, where one native search per marker costs much less
 * than a turn of a loop per line. A piece after the first starts a line.
 */
function splitAtMarkers(pieces: readonly string[], bom: number, wholeDocument?: (index: number) => number | undefined): DocumentChunk[] {
  const chunks: DocumentChunk[] = [];
  let start = 0;
  let startLine = 0;
  let line = 0;
  let base = 0;
  for (let index = 0; index < pieces.length; index++) {
    const text = pieces[index]!;
    const knownBreaks = wholeDocument?.(index);
    let counted = 0;
    // A whole document can only start with a marker; any other piece is searched for them all.
    for (let at = 0; at !== -1; at = knownBreaks === undefined ? nextDashesLine(text, at) : -1) {
      // Nothing but the BOM before the first marker: the marker line stays in chunk 0 with it.
      if (!isMarkerAt(text, at, 45) || base + at <= (start === 0 ? bom : start)) continue;
      line += lineBreaks(text, counted, at);
      counted = at;
      chunks.push({ index: chunks.length, start, end: base + at, text: sliceOfPieces(pieces, start, base + at), startLine });
      start = base + at;
      startLine = line;
    }
    line += knownBreaks ?? lineBreaks(text, counted, text.length);
    base += text.length;
  }
  if (start < base || chunks.length === 0) {
    chunks.push({ index: chunks.length, start, end: base, text: sliceOfPieces(pieces, start, base), startLine });
  }
  return chunks;
}

/** The next line after `from` that starts with `---`, or -1. */
function nextDashesLine(text: string, from: number): number {
  const found = text.indexOf('\n---', from);
  return found === -1 ? -1 : found + 1;
}

/** How many line breaks `text` has from `from` to `to`. */
function lineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf('\n', from); at !== -1 && at < to; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/**
 * The general split: every line is read, to follow directives (`%YAML`) and end markers (`...`).
 * Exported for the test that holds the marker search to it.
 */
export function splitLineByLine(pieces: readonly string[]): DocumentChunk[] {
  const bom = bomOf(pieces);
  const chunks: DocumentChunk[] = [];
  let start = 0;
  let startLine = 0;
  let line = 0;
  // Directives may only come before any content or after a `...` end marker.
  let expectingDirectives = true;
  let directiveStart = -1;
  let directiveLine = 0;
  let base = 0;
  for (const text of pieces) {
    let position = base === 0 ? bom : 0;
    while (position < text.length) {
      const code = text.charCodeAt(position);
      if (code === 45 /* - */ && isMarkerAt(text, position, 45)) {
        const at = directiveStart === -1 ? base + position : directiveStart;
        // Nothing but the BOM before the first marker: the marker line stays in chunk 0 with it.
        if (at > (start === 0 ? bom : start)) {
          chunks.push({ index: chunks.length, start, end: at, text: sliceOfPieces(pieces, start, at), startLine });
          start = at;
          startLine = directiveStart === -1 ? line : directiveLine;
        }
        expectingDirectives = false;
        directiveStart = -1;
      } else if (code === 46 /* . */ && isMarkerAt(text, position, 46)) {
        expectingDirectives = true;
      } else if (code === 37 /* % */ && expectingDirectives) {
        if (directiveStart === -1) {
          directiveStart = base + position;
          directiveLine = line;
        }
      } else if (expectingDirectives && !isBlankOrComment(text, position)) {
        expectingDirectives = false;
        directiveStart = -1;
      }
      const newline = text.indexOf('\n', position);
      if (newline === -1) break;
      position = newline + 1;
      line++;
    }
    base += text.length;
  }
  if (start < base || chunks.length === 0) {
    chunks.push({ index: chunks.length, start, end: base, text: sliceOfPieces(pieces, start, base), startLine });
  }
  return chunks;
}

/** `---` or `...` at `position`, followed by a space, a tab, a line break or the end of the text. */
function isMarkerAt(text: string, position: number, char: number): boolean {
  if (text.charCodeAt(position + 1) !== char || text.charCodeAt(position + 2) !== char) return false;
  const next = text.charCodeAt(position + 3);
  return Number.isNaN(next) || next === 32 || next === 9 || next === 10 || next === 13;
}
/** Whether the line at `position` holds only spaces, a comment or a BOM. */
function isBlankOrComment(text: string, position: number): boolean {
  let at = position;
  for (;;) {
    const code = text.charCodeAt(at);
    if (code === 32 || code === 9 || code === 13 || code === 0xfeff) at++;
    else return Number.isNaN(code) || code === 10 || code === 35 /* # */;
  }
}
