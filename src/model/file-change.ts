import type { SourceFormat } from './document.js';
import type { SourceLocation } from './location.js';

/** A document that could not be edited safely, and why. */
export interface SkippedEdit {
  location: SourceLocation;
  reason: string;
}

/**
 * The outcome for one file: `before` null for a new file, `after` null for a deleted one.
 * A file whose every edit was refused has `after === before` and its reasons in `skipped`.
 */
export interface FileChange {
  file: string;
  format: SourceFormat;
  before: string | null;
  after: string | null;
  skipped: SkippedEdit[];
  /**
   * Where `before` and `after` are cut into corresponding pieces (each document of `before`, and
   * its new text): end offsets in pairs, [beforeEnd, afterEnd, ...]. A hint that lets the diff
   * compare each document with its new text instead of whole files; absent when not known.
   */
  alignment?: Int32Array;
  /**
   * `after` as the pieces it was joined from, in the order of `alignment`: the diff reads them
   * rather than `after`, which stays a rope and costs no memory of its own (text-pieces.ts).
   */
  afterPieces?: readonly string[];
  /**
   * Which of `afterPieces` an edit changed, by index; every other piece is exactly the old text
   * of its stretch of `alignment`. Lets the diff skip comparing unedited documents; when absent,
   * it compares them all.
   */
  editedPieces?: readonly number[];
}

export function isModified(change: FileChange): boolean {
  return change.before !== change.after;
}
