import type { FileChange } from '../model/file-change.js';
import type { SourceLocation } from '../model/location.js';
import type { TransformOutput } from '../transformers/index.js';
import { applyEdits, type DocumentChunk, type PlainValueCache, type YamlEdit } from '../yaml/index.js';
import type { SourceText } from './run-migration.js';

/** A document left as it was because an edit on it was not safe. */
export interface RefusedDocument {
  file: string;
  docIndex: number;
  location: SourceLocation;
  reason: string;
}

export interface AppliedEdits {
  changes: FileChange[];
  refused: RefusedDocument[];
  /** The new text of each changed file as its document chunks' texts, for the second pass. */
  pieces: Map<string, readonly string[]>;
}

/**
 * Applies the transformers' edits file by file; refused documents stay byte-identical.
 * `chunksOf` gives a file's document chunks when they are known already.
 */
export function applyFileEdits(
  sources: readonly SourceText[],
  output: TransformOutput,
  cache?: PlainValueCache,
  chunksOf?: (source: SourceText) => readonly DocumentChunk[] | undefined,
): AppliedEdits {
  const pieces = new Map<string, readonly string[]>();
  const refused: RefusedDocument[] = [];
  const editsByFile = new Map<string, YamlEdit[]>();
  for (const { file, edit } of output.edits) {
    const list = editsByFile.get(file) ?? [];
    list.push(edit);
    editsByFile.set(file, list);
  }
  const changes: FileChange[] = [];
  for (const source of sources) {
    const edits = editsByFile.get(source.file);
    if (!edits) continue;
    const outcome = applyEdits(source.text, source.format, edits, cache, chunksOf?.(source));
    const skipped = outcome.refused.map((refusal) => ({
      location: { file: source.file, line: refusal.line, col: refusal.col },
      reason: refusal.reason,
    }));
    refused.push(...outcome.refused.map((refusal, index) => ({ file: source.file, docIndex: refusal.docIndex, ...skipped[index]! })));
    // A document whose only edit was to vanish leaves no content: remove the file.
    const after = outcome.text.trim() === '' && source.text.trim() !== '' ? null : outcome.text;
    if (after !== source.text || skipped.length > 0) {
      changes.push({ file: source.file, format: source.format, before: source.text, after, skipped, alignment: outcome.alignment });
      if (after !== null && after !== source.text) pieces.set(source.file, slicesOf(after, outcome.pieces, outcome.editedPieces, cache));
    }
  }
  const known = new Set(sources.map((source) => source.file));
  for (const created of output.newFiles) {
    if (known.has(created.file)) continue; // never overwrite a file that exists
    changes.push({ file: created.file, format: created.file.endsWith('.json') ? 'json' : 'yaml', before: null, after: created.text, skipped: [] });
  }
  return { changes: changes.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)), refused, pieces };
}

/**
 * The pieces again, edited ones as slices of the file's new text (which holds the same
 * characters): an edited piece is a string of its own, and keeping both it and the new text
 * until the second pass doubles the memory of every edited document (about 20 MB at 80,000
 * documents). The value cache is keyed by the same characters, so its entry is moved to the
 * slice. An unedited piece is a slice of the old text already, which the run keeps anyway; it is
 * left alone, since even looking it up in the cache would hash all of its characters.
 */
function slicesOf(text: string, pieces: readonly string[], edited: readonly number[], cache: PlainValueCache | undefined): string[] {
  const isEdited = new Set(edited);
  let at = 0;
  return pieces.map((piece, index) => {
    const start = at;
    at += piece.length;
    if (!isEdited.has(index)) return piece;
    const slice = text.slice(start, at);
    const known = cache?.get(piece);
    if (cache && known !== undefined) {
      // Map keys compare by content: deleting first makes the slice the key that is kept.
      cache.delete(piece);
      cache.set(slice, known);
    }
    return slice;
  });
}
