import type { SourceFormat } from '../model/document.js';
import { editChunk } from './edit-chunk.js';
import { editTemplatedChunk } from './edit-templated-chunk.js';
import { hasTemplateActions } from './templating.js';
import { positionInFile } from './parse-chunk.js';
import type { PlainValueCache } from './read-chunk.js';
import { splitDocuments, type DocumentChunk } from './split-documents.js';
import { joinPieces } from './text-pieces.js';
import { lineEndingOf } from './text-positions.js';
import type { Refusal } from './walk-path.js';
import type { EditOutcome, EditRefusal, YamlEdit } from './yaml-edit.js';

/**
 * Applies edits to the text of a YAML or JSON file. Each document is edited on its own text,
 * so every byte outside an edited region stays as it was. When an edit on a document is unsafe,
 * or the edited document does not read back as intended, that document is left byte-identical
 * and a refusal says why and where. Never throws. `given` are the text's chunks when the caller
 * has them already (exactly what splitting the text gives); then `text` itself is not read, and
 * may be a rope (text-pieces.ts). The new text is one too, over `pieces`.
 */
export function applyEdits(
  text: string,
  format: SourceFormat,
  edits: readonly YamlEdit[],
  cache?: PlainValueCache,
  given?: readonly DocumentChunk[],
): EditOutcome {
  const chunks: readonly DocumentChunk[] = given ?? (format === 'json' ? [{ index: 0, start: 0, end: text.length, text, startLine: 0 }] : splitDocuments(text));
  const eol = lineEndingOf(chunks.find((chunk) => chunk.text.includes('\n'))?.text ?? '');
  const byDoc = new Map<number, YamlEdit[]>();
  for (const edit of edits) byDoc.set(edit.docIndex, [...(byDoc.get(edit.docIndex) ?? []), edit]);

  const refused: EditRefusal[] = [];
  const editedPieces: number[] = [];
  const pieces = chunks.map((chunk) => {
    const docEdits = byDoc.get(chunk.index);
    if (!docEdits) return chunk.text;
    let result: string | Refusal;
    try {
      // A template is edited through its masked text, only where the edits touch no action.
      result =
        format === 'yaml' && hasTemplateActions(chunk.text)
          ? editTemplatedChunk(chunk.text, docEdits, format, eol, chunk.startLine, cache)
          : editChunk(chunk.text, docEdits, format, eol, cache);
    } catch (error) {
      result = { refused: `unexpected problem while editing: ${error instanceof Error ? error.message : String(error)}`, offset: 0 };
    }
    if (typeof result === 'string') {
      if (result !== chunk.text) editedPieces.push(chunk.index);
      return result;
    }
    refused.push({ docIndex: chunk.index, reason: result.refused, ...position(chunk, result.offset) });
    return chunk.text;
  });
  for (const index of [...byDoc.keys()].sort((a, b) => a - b)) {
    if (!chunks[index]) refused.push({ docIndex: index, reason: `there is no document ${index} in the file`, line: 1, col: 1 });
  }
  return { text: joinPieces(pieces), refused, pieces, editedPieces, alignment: alignmentOf(chunks, pieces) };
}

function position(chunk: DocumentChunk, offset: number): { line: number; col: number } {
  return positionInFile(chunk, offset);
}

function alignmentOf(chunks: readonly DocumentChunk[], pieces: readonly string[]): Int32Array {
  const alignment = new Int32Array(chunks.length * 2);
  let afterEnd = 0;
  chunks.forEach((chunk, index) => {
    afterEnd += pieces[index]!.length;
    alignment[index * 2] = chunk.end;
    alignment[index * 2 + 1] = afterEnd;
  });
  return alignment;
}
