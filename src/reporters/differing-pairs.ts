import type { FileChange } from '../model/file-change.js';
import { PieceReader } from './piece-reader.js';

/** A stretch of `before` and its new text, which differ. */
export interface PiecePair {
  beforeStart: number;
  beforeEnd: number;
  afterText: string;
}

/**
 * The pieces to compare that differ: each document of `before` and its new text, when the change
 * says how they align. Pieces are compared line by line, so a cut that is not at a line start in
 * both texts joins its two neighbours; without a usable alignment the files are compared whole.
 *
 * When the change names its edited pieces, only the pairs that hold one are compared: the others
 * are their old text (FileChange.editedPieces), and reading every unedited document of a changed
 * file was most of the diff's work. The hint is used only when it fits the alignment (see
 * `trustedEdits`); otherwise, and without it, every pair is compared.
 */
export function differingPairs(change: FileChange): PiecePair[] {
  const before = change.before ?? '';
  const after = change.after ?? '';
  const { alignment, afterPieces } = change;
  if (alignment && afterPieces && change.after !== null) {
    const edited = trustedEdits(change.editedPieces, alignment, afterPieces.length, before.length, after.length);
    if (edited) return editedPairs(new Cuts(before, alignment, new PieceReader(afterPieces), after.length), edited);
  }
  const afterLength = afterPieces ? afterPieces.reduce((sum, piece) => sum + piece.length, 0) : after.length;
  if (!alignment || alignment.length === 0 || !isUsable(alignment, before.length, afterLength)) {
    return before === after ? [] : [{ beforeStart: 0, beforeEnd: before.length, afterText: after }];
  }
  return allPairs(new Cuts(before, alignment, new PieceReader(afterPieces ?? [after]), afterLength));
}

/** The cuts of an alignment, and the pairs of pieces between the cuts that end a pair. */
class Cuts {
  readonly count: number;

  constructor(
    private readonly before: string,
    private readonly alignment: Int32Array,
    private readonly reader: PieceReader,
    private readonly afterLength: number,
  ) {
    this.count = alignment.length / 2;
  }

  /** Reads on from piece `piece`, which starts at the cut before it (the alignment's cuts are the pieces' ends). */
  readFrom(piece: number): void {
    this.reader.moveTo(piece, piece === 0 ? 0 : this.alignment[piece * 2 - 1]!);
  }

  /** Whether a pair ends at cut `cut`: at a line start in both texts, or at the last cut. */
  endsPair(cut: number): boolean {
    if (cut + 1 === this.count) return true;
    const afterEnd = this.alignment[cut * 2 + 1]!;
    return isLineStart(this.before, this.alignment[cut * 2]!) && (afterEnd === 0 || afterEnd === this.afterLength || this.reader.charCodeAt(afterEnd - 1) === NEWLINE);
  }

  /** The pair from after cut `first - 1` to cut `last` (which ends a pair), when its texts differ; the last pair runs to the texts' ends. */
  pairIfDiffers(first: number, last: number): PiecePair | null {
    const beforeStart = first === 0 ? 0 : this.alignment[first * 2 - 2]!;
    const afterStart = first === 0 ? 0 : this.alignment[first * 2 - 1]!;
    const isEnd = last + 1 === this.count;
    const beforeEnd = isEnd ? this.before.length : this.alignment[last * 2]!;
    const afterText = this.reader.slice(afterStart, isEnd ? this.afterLength : this.alignment[last * 2 + 1]!);
    return this.before.slice(beforeStart, beforeEnd) === afterText ? null : { beforeStart, beforeEnd, afterText };
  }
}

function allPairs(cuts: Cuts): PiecePair[] {
  const pairs: PiecePair[] = [];
  for (let first = 0, cut = 0; cut < cuts.count; cut++) {
    if (!cuts.endsPair(cut)) continue;
    const pair = cuts.pairIfDiffers(first, cut);
    if (pair) pairs.push(pair);
    first = cut + 1;
  }
  return pairs;
}

/** The pairs that hold an edited piece: from the cut that ends a pair before it to the next. */
function editedPairs(cuts: Cuts, edited: readonly number[]): PiecePair[] {
  const pairs: PiecePair[] = [];
  let done = -1;
  for (const piece of edited) {
    if (piece <= done) continue;
    cuts.readFrom(piece);
    let first = piece;
    while (first > done + 1 && !cuts.endsPair(first - 1)) first--;
    cuts.readFrom(first);
    let last = piece;
    while (!cuts.endsPair(last)) last++;
    const pair = cuts.pairIfDiffers(first, last);
    if (pair) pairs.push(pair);
    done = last;
  }
  return pairs;
}

/**
 * The edited pieces in order, when the hint can be used: each index names a piece, the cuts are
 * in order and reach both texts' ends (`after` is the pieces joined), and every other piece is as
 * long as its old text. Otherwise null. Only the alignment is read: the pieces themselves, one
 * object each all over the heap, are not visited.
 */
function trustedEdits(editedPieces: readonly number[] | undefined, alignment: Int32Array, pieceCount: number, beforeLength: number, afterLength: number): number[] | null {
  if (!editedPieces || pieceCount === 0 || alignment.length !== pieceCount * 2) return null;
  if (alignment[pieceCount * 2 - 2] !== beforeLength || alignment[pieceCount * 2 - 1] !== afterLength) return null;
  const marks = new Uint8Array(pieceCount);
  for (const index of editedPieces) {
    if (!Number.isInteger(index) || index < 0 || index >= pieceCount) return null;
    marks[index] = 1;
  }
  const edited: number[] = [];
  let beforeAt = 0;
  let afterAt = 0;
  for (let piece = 0; piece < pieceCount; piece++) {
    const beforeEnd = alignment[piece * 2]!;
    const afterEnd = alignment[piece * 2 + 1]!;
    if (beforeEnd < beforeAt || afterEnd < afterAt) return null;
    if (marks[piece] === 1) edited.push(piece);
    else if (beforeEnd - beforeAt !== afterEnd - afterAt) return null;
    beforeAt = beforeEnd;
    afterAt = afterEnd;
  }
  return edited;
}

const NEWLINE = 10;

function isLineStart(text: string, offset: number): boolean {
  return offset === 0 || offset === text.length || text.charCodeAt(offset - 1) === NEWLINE;
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
