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
 * A piece that `editedPieces` does not name is its old text, so it is not compared: reading
 * every unedited document of a changed file, character by character, was most of the diff's
 * work. That is trusted only where the lengths agree; elsewhere, and without the hint, the texts
 * are compared.
 */
export function differingPairs(change: FileChange): PiecePair[] {
  const before = change.before ?? '';
  const after = change.after ?? '';
  const { alignment, afterPieces } = change;
  const afterLength = afterPieces ? afterPieces.reduce((sum, piece) => sum + piece.length, 0) : after.length;
  if (!alignment || alignment.length === 0 || !isUsable(alignment, before.length, afterLength)) {
    return before === after ? [] : [{ beforeStart: 0, beforeEnd: before.length, afterText: after }];
  }
  const cuts = alignment.length / 2;
  const edited = afterPieces && afterPieces.length === cuts ? editedMarks(change.editedPieces, cuts) : null;
  const reader = new PieceReader(afterPieces ?? [after]);
  const pairs: PiecePair[] = [];
  let beforeAt = 0;
  let afterAt = 0;
  let cutBeforeAt = 0;
  let cutAfterAt = 0;
  let unedited = true;
  for (let cut = 0; cut < cuts; cut++) {
    const beforeEnd = alignment[cut * 2]!;
    const afterEnd = alignment[cut * 2 + 1]!;
    const length = afterEnd - cutAfterAt;
    unedited &&= edited !== null && edited[cut] === 0 && beforeEnd - cutBeforeAt === length && afterPieces![cut]!.length === length;
    cutBeforeAt = beforeEnd;
    cutAfterAt = afterEnd;
    const last = cut + 1 === cuts;
    if (!last && !(isLineStart(before, beforeEnd) && (afterEnd === 0 || afterEnd === afterLength || reader.charCodeAt(afterEnd - 1) === NEWLINE))) continue;
    const pairBeforeEnd = last ? before.length : beforeEnd;
    const pairAfterEnd = last ? afterLength : afterEnd;
    // The last pair runs to the ends of both texts, past the alignment if it stops short.
    if (!(unedited && pairBeforeEnd === beforeEnd && pairAfterEnd === afterEnd)) {
      const afterText = reader.slice(afterAt, pairAfterEnd);
      if (before.slice(beforeAt, pairBeforeEnd) !== afterText) pairs.push({ beforeStart: beforeAt, beforeEnd: pairBeforeEnd, afterText });
    }
    beforeAt = pairBeforeEnd;
    afterAt = pairAfterEnd;
    unedited = true;
  }
  return pairs;
}

const NEWLINE = 10;

/** 1 for each piece an edit changed; null (compare them all) when an index is not a piece. */
function editedMarks(editedPieces: readonly number[] | undefined, cuts: number): Uint8Array | null {
  if (!editedPieces) return null;
  const marks = new Uint8Array(cuts);
  for (const index of editedPieces) {
    if (!Number.isInteger(index) || index < 0 || index >= cuts) return null;
    marks[index] = 1;
  }
  return marks;
}

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
