import { yaml } from './yaml-library.js';
import type { NodePath, SourceFormat } from '../model/document.js';
import { documentLayout } from './document-layout.js';
import { computeAppend } from './edit-append.js';
import { computeDelete } from './edit-delete.js';
import { computeSet, type EditContext } from './edit-set.js';
import { MAX_ALIAS_COUNT, offsetOfPath, parseDocumentText } from './parse-chunk.js';
import { renderBlock } from './render-values.js';
import { splitDocuments } from './split-documents.js';
import { fastBlockEdit } from './fast-block-edit.js';
import { fastPlainValue, type PlainValueCache } from './read-chunk.js';
import { sameValue } from './same-value.js';
import { applyStructurally } from './structural-edits.js';
import { applySplices, type Splice } from './text-positions.js';
import { isRefusal, refuse, type Refusal } from './walk-path.js';
import type { YamlEdit } from './yaml-edit.js';

const BOM = '\uFEFF';

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/**
 * The new text of one document chunk after its edits, or why it must stay as it is. Edits apply
 * one after the other, each against a fresh parse of the text so far. The result is then read
 * back and must equal the original value with the edits applied to it structurally.
 */
export function editChunk(text: string, edits: readonly YamlEdit[], format: SourceFormat, eol: string, cache?: PlainValueCache): string | Refusal {
  const refusal = edits.find((edit) => edit.op === 'refuse');
  if (refusal) return refuse(refusal.reason, offsetOfPath(parseDocumentText(text), refusal.path));
  const inserted: string[] = [];
  for (const edit of edits) {
    if (edit.op !== 'insert-document-after') continue;
    if (format === 'json') return refuse('a JSON file holds one document; another cannot be added after it', 0);
    const rendered = renderNewDocument(edit.value, edit.comment, eol, cache);
    if (isRefusal(rendered)) return rendered;
    inserted.push(rendered);
  }
  const inPlace = edits.filter(isInPlace);
  const deleted = edits.some((edit) => edit.op === 'delete-document');
  // A deleted document keeps nothing but the byte-order mark, which belongs to the file.
  const kept = deleted ? (text.startsWith(BOM) ? BOM : '') : inPlace.length > 0 ? editInPlace(text, inPlace, format, eol, cache) : text;
  if (isRefusal(kept)) return kept;
  if (inserted.length === 0) return kept;
  const needsBreak = kept.length > 0 && !kept.endsWith('\n') && kept !== BOM;
  return `${kept}${needsBreak ? eol : ''}${inserted.join('')}`;
}

function renderNewDocument(value: Record<string, unknown>, comment: string | undefined, eol: string, cache?: PlainValueCache): string | Refusal {
  const lines = comment === undefined ? [] : comment.split(/\r?\n/).map((line) => (line === '' ? '#' : `# ${line}`));
  const body = renderBlock(value, eol);
  const rendered = `---${eol}${lines.map((line) => `${line}${eol}`).join('')}${body}`;
  let readBack: unknown;
  try {
    // Cached by its text, so the second pass does not read the new document again.
    readBack = fastPlainValue(rendered, cache)?.value ?? yaml().parse(rendered);
  } catch (error) {
    return refuse(`verification failed: the new document does not parse (${firstLine(String(error))})`, 0);
  }
  if (!sameValue(readBack, value)) return refuse('verification failed: the new document does not read back as the value given', 0);
  return rendered;
}

type InPlaceEdit = Extract<YamlEdit, { op: 'set' | 'delete' | 'append' }>;

function isInPlace(edit: YamlEdit): edit is InPlaceEdit {
  return edit.op === 'set' || edit.op === 'delete' || edit.op === 'append';
}

function editInPlace(text: string, edits: readonly InPlaceEdit[], format: SourceFormat, eol: string, cache?: PlainValueCache): string | Refusal {
  const quick = format === 'yaml' ? editFromOutline(text, edits, eol, cache) : null;
  if (quick !== null) return quick;
  const original = parseDocumentText(text);
  const error = original.errors[0];
  if (error) return refuse(`the document does not parse: ${firstLine(error.message)}`, error.pos[0]);
  const read = plainValue(text, original, cache);
  if (isRefusal(read)) return read;
  let expected = read.value;

  // Usually the edits touch separate places: then one parse serves them all.
  const together = splicesTogether({ text, doc: original, format, eol, layout: documentLayout(text, original) }, edits);
  if (together) {
    let intended = expected;
    for (const edit of edits) intended = applyStructurally(intended, edit);
    const edited = applySplices(text, together);
    if (edited === text) return text;
    // When the edits did interact after all, the one-by-one path below decides.
    if (!isRefusal(verify(edited, intended, format, cache))) return edited;
  }

  let current = text;
  let doc = original;
  for (const [i, edit] of edits.entries()) {
    if (i > 0) doc = parseDocumentText(current);
    const context: EditContext = { text: current, doc, format, eol, layout: documentLayout(current, doc) };
    const splices = spliceFor(context, edit);
    // Offsets into text changed by earlier edits mean nothing to the reader: point at the path instead.
    if (isRefusal(splices)) return i === 0 ? splices : refuse(splices.refused, offsetOfPath(original, edit.path));
    current = applySplices(current, splices);
    expected = applyStructurally(expected, edit);
  }
  if (current === text) return text;
  const verified = verify(current, expected, format, cache);
  return isRefusal(verified) ? refuse(verified.refused, offsetOfPath(original, edits[0]?.path ?? [])) : verified;
}

/**
 * All splices computed against the original text, or null when they cannot simply be applied
 * together: an edit was refused (it may work after the others), two touch the same text, or two
 * insert at the same place (a missing map both would create, for instance).
 */
function splicesTogether(context: EditContext, edits: readonly InPlaceEdit[]): Splice[] | null {
  // Edits on the same node or on a node and its descendants see each other's results:
  // a second `set` of one path may be a no-op against the original text but not after the first.
  for (const [i, edit] of edits.entries()) {
    if (edits.some((other, j) => j !== i && isPrefix(edit.path, other.path))) return null;
  }
  const all: Splice[] = [];
  for (const edit of edits) {
    const splices = spliceFor(context, edit);
    if (isRefusal(splices)) return null;
    all.push(...splices);
  }
  const ordered = [...all].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < ordered.length; i++) {
    const previous = ordered[i - 1]!;
    const next = ordered[i]!;
    if (previous.end > next.start || previous.start === next.start) return null;
  }
  return all;
}

/**
 * The fast path: plain block edits from the line outline, verified like any other. Null sends
 * the edits down the tree-based path (which also explains any refusal).
 */
function editFromOutline(text: string, edits: readonly InPlaceEdit[], eol: string, cache?: PlainValueCache): string | null {
  const read = fastPlainValue(text, cache);
  if (!read) return null;
  const edited = fastBlockEdit(text, edits, read.value, eol);
  if (edited === null) return null;
  if (edited === text) return text;
  let expected = read.value;
  for (const edit of edits) expected = applyStructurally(expected, edit);
  return isRefusal(verify(edited, expected, 'yaml', cache)) ? null : edited;
}

function isPrefix(prefix: NodePath, path: NodePath): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => String(segment) === String(path[i]));
}

/** The document's plain value: js-yaml when it safely can (fast), else the parsed tree with alias limits. */
function plainValue(text: string, doc: ReturnType<typeof parseDocumentText>, cache?: PlainValueCache): { value: unknown } | Refusal {
  const fast = fastPlainValue(text, cache);
  if (fast) return fast;
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (thrown) {
    return refuse(`the document cannot be read safely: ${firstLine(String(thrown))}`, 0);
  }
}

function spliceFor(context: EditContext, edit: InPlaceEdit): Splice[] | Refusal {
  if (edit.op === 'set') return computeSet(context, edit.path, edit.value);
  if (edit.op === 'delete') return computeDelete(context, edit.path, edit.pruneEmptyParents ?? false);
  return computeAppend(context, edit.path, edit.value);
}

/** The safety net: the edited text must be one document that reads back as exactly `expected`. */
function verify(text: string, expected: unknown, format: SourceFormat, cache?: PlainValueCache): string | Refusal {
  if (format === 'yaml' && splitDocuments(text).length > 1) return refuse('verification failed: the edited text holds a document marker', 0);
  let actual: unknown;
  const fast = fastPlainValue(text, cache);
  if (fast) actual = fast.value;
  else {
    const check = parseDocumentText(text);
    const error = check.errors[0];
    if (error) return refuse(`verification failed: the edited document does not parse (${firstLine(error.message)})`, 0);
    try {
      actual = check.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (thrown) {
      return refuse(`verification failed: ${firstLine(String(thrown))}`, 0);
    }
  }
  if (!sameValue(actual, expected)) return refuse('verification failed: the edited document does not read back as intended', 0);
  return text;
}
