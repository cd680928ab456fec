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
    const changed = outcome.editedPieces.length > 0;
    // A document whose only edit was to vanish leaves no content: remove the file.
    const emptied = changed && outcome.pieces.every(isBlank) && !isBlank(source.text);
    if (changed || skipped.length > 0) {
      const after = emptied ? null : changed ? outcome.text : source.text;
      // The pieces describe the new text; a removed file has none (its blank pieces are not lines to add).
      const newText = after === null ? {} : { alignment: outcome.alignment, afterPieces: outcome.pieces, editedPieces: outcome.editedPieces };
      changes.push({ file: source.file, format: source.format, before: source.text, after, skipped, ...newText });
      if (after !== null && changed) pieces.set(source.file, outcome.pieces);
    }
  }
  const known = new Set(sources.map((source) => source.file));
  for (const created of output.newFiles) {
    if (known.has(created.file)) continue; // never overwrite a file that exists
    changes.push({ file: created.file, format: created.file.endsWith('.json') ? 'json' : 'yaml', before: null, after: created.text, skipped: [] });
  }
  return { changes: changes.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)), refused, pieces };
}

function isBlank(text: string): boolean {
  return !/\S/.test(text);
}
