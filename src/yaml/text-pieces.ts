import { lastAtOrBefore } from './sorted-search.js';

/**
 * A file's new text is kept as the pieces it was assembled from (each document's new text, most
 * of them slices of the old text) and read through them. Joining them with `+` lets the engine
 * keep a rope that points at the pieces; anything that scans the whole text would flatten it into
 * a copy of every character, which for a large repository is as much memory as all its sources.
 */
export function joinPieces(pieces: readonly string[]): string {
  let text = '';
  for (const piece of pieces) text += piece;
  return text;
}

/** The characters from `start` to `end` of the pieces' concatenation, without joining them all. */
export function sliceOfPieces(pieces: readonly string[], start: number, end: number): string {
  if (pieces.length === 1) return start === 0 && end === pieces[0]!.length ? pieces[0]! : pieces[0]!.slice(start, end);
  const starts = pieceStarts(pieces);
  let text = '';
  // The last piece starting at or before `start` holds it: every piece before ends at or before it.
  for (let index = lastAtOrBefore(starts, start); index < pieces.length; index++) {
    const piece = pieces[index]!;
    const pieceStart = starts[index]!;
    const pieceEnd = pieceStart + piece.length;
    if (pieceEnd > start && pieceStart < end) {
      const from = Math.max(start, pieceStart) - pieceStart;
      const to = Math.min(end, pieceEnd) - pieceStart;
      text += from === 0 && to === piece.length ? piece : piece.slice(from, to);
    }
    if (pieceEnd >= end) break;
  }
  return text;
}

/**
 * Where each piece starts, worked out once per list of pieces: a file's chunks are cut from its
 * pieces one after the other, and scanning the list from its start for each would be quadratic.
 */
const startsByPieces = new WeakMap<readonly string[], Int32Array>();

function pieceStarts(pieces: readonly string[]): Int32Array {
  let starts = startsByPieces.get(pieces);
  if (!starts) {
    starts = new Int32Array(pieces.length);
    let at = 0;
    for (let index = 0; index < pieces.length; index++) {
      starts[index] = at;
      at += pieces[index]!.length;
    }
    startsByPieces.set(pieces, starts);
  }
  return starts;
}
