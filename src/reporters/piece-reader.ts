/**
 * Reads a text kept as pieces (text-pieces.ts) without joining them. The diff reads it at
 * offsets that mostly move forward, a little back at times: it keeps its place, so each read
 * walks a few pieces rather than the whole list from the start (which made every cut of a file
 * cost as many steps as the file has pieces).
 */
export class PieceReader {
  private index = 0;
  /** Where `pieces[index]` starts in the whole text. */
  private start = 0;

  constructor(private readonly pieces: readonly string[]) {}

  /** Takes `start` as where piece `index` starts, when the caller knows it (a cut of the alignment), rather than walking there. */
  moveTo(index: number, start: number): void {
    this.index = index;
    this.start = start;
  }

  /** The UTF-16 code at `offset`, which must be within the text. */
  charCodeAt(offset: number): number {
    this.seek(offset);
    return this.pieces[this.index]!.charCodeAt(offset - this.start);
  }

  /** The characters from `from` to `to`: the same as slicing the joined text. */
  slice(from: number, to: number): string {
    if (from >= to) return '';
    this.seek(from);
    let text = '';
    for (;;) {
      const piece = this.pieces[this.index]!;
      const pieceEnd = this.start + piece.length;
      const cutFrom = Math.max(from, this.start) - this.start;
      const cutTo = Math.min(to, pieceEnd) - this.start;
      text += cutFrom === 0 && cutTo === piece.length ? piece : piece.slice(cutFrom, cutTo);
      if (pieceEnd >= to || this.index + 1 >= this.pieces.length) return text;
      this.start = pieceEnd;
      this.index++;
    }
  }

  /** Moves to the piece that holds `offset` (the last piece for the text's end). */
  private seek(offset: number): void {
    while (offset < this.start && this.index > 0) {
      this.index--;
      this.start -= this.pieces[this.index]!.length;
    }
    while (this.index + 1 < this.pieces.length && offset >= this.start + this.pieces[this.index]!.length) {
      this.start += this.pieces[this.index]!.length;
      this.index++;
    }
  }
}
