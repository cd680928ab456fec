/**
 * Text edits that add or remove properties of an object literal in the object's own layout: one
 * property a line with the sibling's indentation when the object spans lines, else inline.
 */
import type { ts } from 'ts-morph';
import type { TextEdit } from './codemod.js';

interface Layout {
  ownLine: boolean;
  indent: string;
  lineStart: number;
  /** Where the anchor's line ends (before `\r\n` or `\n`). */
  lineEnd: number;
  /** After the anchor, on its line: its comma, if any. */
  hasComma: boolean;
  lineBreak: string;
}

function layoutOf(source: ts.SourceFile, object: ts.ObjectLiteralExpression, property: ts.Node): Layout {
  const text = source.text;
  const start = property.getStart(source);
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const indent = text.slice(lineStart, start);
  let lineEnd = text.indexOf('\n', property.end);
  if (lineEnd === -1) lineEnd = text.length;
  if (text[lineEnd - 1] === '\r') lineEnd--;
  const rest = text.slice(property.end, lineEnd);
  const ownLine = /^\s*$/.test(indent) && /^\s*,?\s*(\/\/.*|\/\*.*?\*\/)?\s*$/.test(rest) && text.slice(object.getStart(source), start).includes('\n');
  return { ownLine, indent, lineStart, lineEnd, hasComma: /^\s*,/.test(rest), lineBreak: text.includes('\r\n') ? '\r\n' : '\n' };
}

/** `added` (property texts) right after `anchor`, after its comma and trailing comment. */
export function insertProperties(source: ts.SourceFile, object: ts.ObjectLiteralExpression, anchor: ts.Node, added: readonly string[]): TextEdit[] {
  if (added.length === 0) return [];
  const layout = layoutOf(source, object, anchor);
  if (!layout.ownLine) return [{ start: anchor.end, end: anchor.end, text: added.map((property) => `, ${property}`).join('') }];
  const lines = added.map((property) => `${layout.lineBreak}${layout.indent}${property}`);
  // The anchor keeps its comma (and comment); the new properties take its trailing-comma style.
  if (layout.hasComma) return [{ start: layout.lineEnd, end: layout.lineEnd, text: lines.map((line) => `${line},`).join('') }];
  return [
    { start: anchor.end, end: anchor.end, text: ',' },
    { start: layout.lineEnd, end: layout.lineEnd, text: lines.join(',') },
  ];
}

/** Removes a property with its line (own-line layout) or its separating comma (inline). */
export function removeProperty(source: ts.SourceFile, object: ts.ObjectLiteralExpression, property: ts.ObjectLiteralElementLike): TextEdit {
  const layout = layoutOf(source, object, property);
  const text = source.text;
  const index = object.properties.indexOf(property);
  const next = object.properties[index + 1];
  const previous = object.properties[index - 1];
  if (layout.ownLine && (layout.hasComma || next === undefined)) {
    const afterLine = layout.lineEnd + (text.startsWith('\r\n', layout.lineEnd) ? 2 : text[layout.lineEnd] === '\n' ? 1 : 0);
    // The last property without a trailing comma: the one before it loses its comma instead.
    if (!layout.hasComma && previous !== undefined) return { start: previous.end, end: layout.lineEnd, text: text.slice(previous.end, layout.lineStart).replace(/^\s*,/, '').replace(/[^\S\r\n]+$/, '').replace(/\r?\n$/, '') };
    return { start: layout.lineStart, end: afterLine, text: '' };
  }
  if (next) return { start: property.getStart(source), end: next.getStart(source), text: '' };
  if (previous) return { start: previous.end, end: property.end, text: '' };
  return { start: property.getStart(source), end: property.end, text: '' };
}
