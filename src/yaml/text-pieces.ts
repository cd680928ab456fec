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
  let text = '';
  let pieceStart = 0;
  for (const piece of pieces) {
    const pieceEnd = pieceStart + piece.length;
    if (pieceEnd > start && pieceStart < end) {
      const from = Math.max(start, pieceStart) - pieceStart;
      const to = Math.min(end, pieceEnd) - pieceStart;
      text += from === 0 && to === piece.length ? piece : piece.slice(from, to);
    }
    if (pieceEnd >= end) break;
    pieceStart = pieceEnd;
  }
  return text;
}
