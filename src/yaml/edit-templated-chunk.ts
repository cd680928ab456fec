// Only the array diff: the package's index loads every differ.
import { diffArrays } from 'diff/lib/diff/array.js';
import type { SourceFormat } from '../model/document.js';
import { editChunk } from './edit-chunk.js';
import { holdsTemplate, maskTemplate, type MaskedTemplate } from './mask-template.js';
import { offsetOfPath, parseDocumentText } from './parse-chunk.js';
import type { PlainValueCache } from './read-chunk.js';
import { isRefusal, refuse, type Refusal } from './walk-path.js';
import type { YamlEdit } from './yaml-edit.js';

/** A change of the masked text: `[start, end)` replaced by `text` (offsets hold in the template too). */
interface Hunk {
  start: number;
  end: number;
  text: string;
}

/** Every refusal of a template edit starts so; the pipeline reports them as templated-file. */
export const TEMPLATE_REFUSAL = 'templating ({{ }})';

/**
 * Edits a Helm/Go template document: the edits are made on its masked text (mask-template.ts),
 * and the changes are made at the same offsets in the template, only when none of them touches
 * a template action: no changed line holds one, no line an edit inserts next to (or changes)
 * holds one, and no sibling whose indentation an inserted line copies holds one. Otherwise the
 * document stays as it is and the refusal names the lines to edit by hand. The result is masked
 * again and must give exactly the edited masked text, which the edit itself verified.
 * `firstLine` is the 0-based line of the file where the text starts, for the lines named.
 */
export function editTemplatedChunk(
  text: string,
  edits: readonly YamlEdit[],
  format: SourceFormat,
  eol: string,
  firstLine: number,
  cache?: PlainValueCache,
): string | Refusal {
  const mask = maskTemplate(text);
  const firstAction = Math.max(0, text.indexOf('{{'));
  if (!mask) return refuse(`${TEMPLATE_REFUSAL} that cannot be read as YAML (an action not closed, or one inside a line that spans lines): edit the document by hand`, firstAction);
  // A templated key or value is only known once rendered: never written, never looked up by its text.
  const carrying = edits.find((edit) => ('value' in edit && holdsTemplate(edit.value)) || ('path' in edit && holdsTemplate(edit.path)));
  if (carrying) {
    const at = 'path' in carrying ? offsetOfPath(parseDocumentText(mask.text), carrying.path) : text.length;
    return refuse(`${TEMPLATE_REFUSAL}: a value to write is only known once the template is rendered (a templated name or namespace): edit the document by hand`, at);
  }
  const edited = editChunk(mask.text, edits.map(withoutActionsInComment), format, eol, cache);
  if (isRefusal(edited)) return edited;
  if (edited === mask.text) return text;

  const hunks = hunksBetween(mask.text, edited);
  const lineOf = (offset: number) => lineNumber(text, offset) + firstLine;
  for (const hunk of hunks) {
    const touched = touchedActions(mask, hunk);
    if (touched.length === 0) continue;
    const actionLines = [...new Set(touched.map((index) => lineOf(mask.regions[index * 2]!)))].sort((a, b) => a - b);
    // A pure insertion is made at the end of the line before it: that is the line to edit.
    const editOffset = firstContent(text, lineStart(text, hunk.start === hunk.end && hunk.start > 0 ? hunk.start - 1 : hunk.start));
    const editLine = lineOf(editOffset);
    return refuse(
      `${TEMPLATE_REFUSAL} next to the edit at line ${editLine} (template action${actionLines.length > 1 ? 's' : ''} on line${actionLines.length > 1 ? 's' : ''} ${actionLines.join(', ')}): make the change at line ${editLine} by hand`,
      editOffset,
    );
  }
  let result = text;
  for (const hunk of [...hunks].reverse()) result = `${result.slice(0, hunk.start)}${hunk.text}${result.slice(hunk.end)}`;
  // The template must read as exactly what the edit verified: same actions, same masked text.
  const again = maskTemplate(result);
  if (!again || again.text !== edited) return refuse(`${TEMPLATE_REFUSAL}: verification failed: the edited template does not read back as the edited document`, firstAction);
  return result;
}

/**
 * A comment of a new document (it names the workload) must not carry an action: the renderer
 * would run it. The action is named instead.
 */
function withoutActionsInComment(edit: YamlEdit): YamlEdit {
  if (edit.op !== 'insert-document-after' || edit.comment === undefined || !edit.comment.includes('{{')) return edit;
  return { ...edit, comment: edit.comment.replace(/\{\{-?\s*(.*?)\s*-?\}\}/g, (_, inner: string) => `<template: ${inner.replace(/[{}]/g, '')}>`) };
}

/** The lines of a text, each with its line break. */
function linesOf(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** The changes from `before` to `after`, by whole lines, in order. */
function hunksBetween(before: string, after: string): Hunk[] {
  const hunks: Hunk[] = [];
  let offset = 0;
  let open: Hunk | null = null;
  for (const part of diffArrays(linesOf(before), linesOf(after))) {
    const joined = part.value.join('');
    if (!part.added && !part.removed) {
      if (open) hunks.push(open);
      open = null;
      offset += joined.length;
      continue;
    }
    open ??= { start: offset, end: offset, text: '' };
    if (part.removed) {
      open.end += joined.length;
      offset += joined.length;
    } else open.text += joined;
  }
  if (open) hunks.push(open);
  return hunks;
}

function lineNumber(text: string, offset: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) line++;
  return line;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function firstContent(text: string, offset: number): number {
  let at = offset;
  while (text[at] === ' ' || text[at] === '\t') at++;
  return at;
}

/** Where a line's key ends (its `: ` or final `:`), or the line's end for a list item or anything else. */
function keyEnd(text: string, line: number, end: number): number {
  const colon = /:(?:[ \t]|\r?\n|$)/.exec(text.slice(line, end));
  return colon && !/^[ ]*-[ ]/.test(text.slice(line, end)) ? line + colon.index : end;
}

function lineAfter(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

/** Numbers of the actions that overlap `[from, to)`. */
function actionsIn(mask: MaskedTemplate, from: number, to: number): number[] {
  const found: number[] = [];
  for (let i = 0; i < mask.regions.length; i += 2) {
    if (mask.regions[i]! < to && mask.regions[i + 1]! > from) found.push(i / 2);
  }
  return found;
}

/**
 * The actions a change touches: on the lines it removes or changes; for a change that writes
 * text, also on the line before and the line after it (a new pair there could land inside an
 * `{{ if }}` block), unless that line only writes text (isOutputLine), and on the siblings above
 * whose indentation a new line copies. A new document after the last line is the exception: it only
 * needs that line not to swallow the line break after it (`-}}`).
 */
function touchedActions(mask: MaskedTemplate, hunk: Hunk): number[] {
  const text = mask.text;
  const touched = actionsIn(mask, lineStart(text, hunk.start), hunk.end);
  if (hunk.text === '') return touched;
  const isNewDocument = hunk.start === hunk.end && hunk.end === text.length && /^---/.test(hunk.text);
  const before = lineStart(text, Math.max(0, hunk.start - 1));
  if (isNewDocument) {
    const last = actionsIn(mask, before, hunk.start);
    const swallows = last.some((index) => /-\s*\}\}$/.test(mask.actions[index] ?? ''));
    return [...touched, ...(swallows ? last : [])];
  }
  if (hunk.start > 0) touched.push(...actionsIn(mask, before, hunk.start).filter((index) => !isOutputLine(mask, index, 'before')));
  touched.push(...actionsIn(mask, hunk.end, lineAfter(text, hunk.end)).filter((index) => !isOutputLine(mask, index, 'after')));
  touched.push(...siblingActions(mask, hunk));
  return [...new Set(touched)];
}

/** Actions that open, divide or close a block: a line next to them may be inside it or not. */
const BLOCK_ACTION = /^\{\{-?\s*(?:if|else|with|range|end|define|block|break|continue)\b/;

/**
 * A line of its own holding an action that writes text or nothing (`{{- include ... | nindent 8 }}`,
 * `{{- toYaml . | nindent 4 }}`, a comment, a variable): a new line beside it stays out of any
 * block, since such lines never open one. Before the change it must not end with `-}}`, which
 * would swallow the line break in front of the new line.
 */
function isOutputLine(mask: MaskedTemplate, index: number, side: 'before' | 'after'): boolean {
  const action = mask.actions[index] ?? '';
  if (!mask.wholeLine[index] || BLOCK_ACTION.test(action)) return false;
  return side === 'after' || !/-\s*\}\}$/.test(action);
}

/**
 * Actions on the lines above the change that sit at the indentation of its first new line, up to
 * the line that opens their block: an inserted key copies the column of its siblings, and a
 * sibling that holds a token (`{{ .Values.key }}: x`, `- {{ .Values.item }}`) is not a column to
 * trust. Comment lines (whole-line actions, masked) are not siblings.
 */
function siblingActions(mask: MaskedTemplate, hunk: Hunk): number[] {
  const first = /^([ ]*)(?:-[ ]+)?\S/m.exec(hunk.text);
  if (!first) return [];
  const column = first[1]!.length;
  const text = mask.text;
  const found: number[] = [];
  if (hunk.start === 0) return [];
  for (let line = lineStart(text, hunk.start - 1); ; line = lineStart(text, line - 1)) {
    const end = lineAfter(text, line);
    const content = /^([ ]*)(\S?)/.exec(text.slice(line, end))!;
    const indent = content[1]!.length;
    const isComment = content[2] === '#' || content[2] === '';
    if (!isComment && indent < column) break;
    // Only the part up to the key's colon places the line (a templated value does not).
    if (!isComment && indent === column) found.push(...actionsIn(mask, line, keyEnd(text, line, end)));
    if (line === 0) break;
  }
  return found;
}
