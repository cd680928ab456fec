import { isDeepStrictEqual } from 'node:util';
import { LineCounter } from 'yaml';
import type { SourceFormat } from '../model/document.js';
import { computeAppend } from './edit-append.js';
import { computeDelete } from './edit-delete.js';
import { computeSet } from './edit-set.js';
import { parseDocumentText } from './parse-chunk.js';
import { renderBlock } from './render-values.js';
import { splitDocuments, type DocumentChunk } from './split-documents.js';
import { applyStructurally } from './structural-edits.js';
import { applySplice, lineEndingOf } from './text-positions.js';
import { isRefusal, type Refusal } from './walk-path.js';
import type { EditOutcome, EditRefusal, YamlEdit } from './yaml-edit.js';

/**
 * Applies edits to the text of a YAML or JSON file. Each document is edited on its own text,
 * so every byte outside an edited region stays as it was. After its edits, a document is parsed
 * again and must read back as exactly the original value with the edits applied; otherwise, or
 * when an edit is unsafe, the document is left byte-identical and the refusal says why.
 */
export function applyEdits(text: string, format: SourceFormat, edits: readonly YamlEdit[]): EditOutcome {
  const chunks: DocumentChunk[] = format === 'json' ? [{ index: 0, start: 0, end: text.length, text, startLine: 0 }] : splitDocuments(text);
  const eol = lineEndingOf(text);
  const byDoc = new Map<number, YamlEdit[]>();
  for (const edit of edits) byDoc.set(edit.docIndex, [...(byDoc.get(edit.docIndex) ?? []), edit]);

  const refused: EditRefusal[] = [];
  const pieces = chunks.map((chunk) => {
    const docEdits = byDoc.get(chunk.index);
    if (!docEdits) return chunk.text;
    const result = editChunk(chunk, docEdits, format, eol);
    if (typeof result === 'string') return result;
    refused.push({ docIndex: chunk.index, reason: result.refused, ...position(chunk, result.offset) });
    return chunk.text;
  });
  for (const index of byDoc.keys()) {
    if (!chunks[index]) refused.push({ docIndex: index, reason: `there is no document ${index}`, line: 1, col: 1 });
  }
  return { text: pieces.join(''), refused };
}

function editChunk(chunk: DocumentChunk, edits: readonly YamlEdit[], format: SourceFormat, eol: string): string | Refusal {
  if (edits.some((edit) => edit.op === 'delete-document')) return '';
  const original = parseDocumentText(chunk.text);
  if (original.errors.length > 0) return { refused: 'the document does not parse', offset: original.errors[0]?.pos[0] ?? 0 };
  let expected: unknown;
  try {
    expected = original.toJS({ maxAliasCount: 1000 });
  } catch {
    return { refused: 'the document cannot be read safely (aliases)', offset: 0 };
  }

  let text = chunk.text;
  const appended: string[] = [];
  for (const edit of edits) {
    if (edit.op === 'insert-document-after') {
      if (format === 'json') return { refused: 'a JSON file holds one document; a new one cannot be added', offset: 0 };
      const comment = edit.comment ? edit.comment.split('\n').map((line) => `# ${line}${eol}`).join('') : '';
      appended.push(`---${eol}${comment}${renderBlock(edit.value, eol)}`);
      continue;
    }
    const doc = parseDocumentText(text);
    const splice =
      edit.op === 'set'
        ? computeSet(text, doc, edit.path, edit.value, format, eol)
        : edit.op === 'delete'
          ? computeDelete(text, doc, edit.path, edit.pruneEmptyParents ?? false)
          : edit.op === 'append'
            ? computeAppend(text, doc, edit.path, edit.value, format, eol)
            : null;
    if (isRefusal(splice)) return splice;
    if (splice) text = applySplice(text, splice);
    expected = applyStructurally(expected, edit);
  }

  const check = parseDocumentText(text);
  if (check.errors.length > 0) return { refused: `verification failed: the edited document does not parse (${check.errors[0]?.message.split('\n')[0]})`, offset: 0 };
  if (!isDeepStrictEqual(check.toJS({ maxAliasCount: 1000 }), expected)) return { refused: 'verification failed: the edited document does not read back as intended', offset: 0 };
  if (appended.length === 0) return text;
  return `${text}${text.length > 0 && !text.endsWith('\n') ? eol : ''}${appended.join('')}`;
}

function position(chunk: DocumentChunk, offset: number): { line: number; col: number } {
  const counter = new LineCounter();
  parseDocumentText(chunk.text, counter);
  const { line, col } = counter.linePos(Math.min(offset, chunk.text.length));
  return { line: line + chunk.startLine, col };
}
