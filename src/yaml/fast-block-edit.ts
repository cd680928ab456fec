import type { NodePath } from '../model/document.js';
import { blockEntries, blockMapUnit, closeBlock, hasDeeperLines, walkBlocks, type Block, type Line } from './block-outline.js';
import { blockLines, renderScalar, type PairStyle, type ScalarValue } from './render-values.js';
import { applySplices, type Splice } from './text-positions.js';
import type { YamlEdit } from './yaml-edit.js';

/**
 * The common edits (set a one-line scalar, add a key or a new nested map to an existing block
 * map) computed from the block outline alone, without building the yaml library's node tree.
 * They apply one after the other, and spell the text exactly as the tree-based edits do (same
 * quoting rules, same insertion points, same indentation); the result goes through the same
 * read-back verification. Null whenever anything is less plain, and the tree-based path takes over.
 */
export function fastBlockEdit(text: string, edits: readonly YamlEdit[], current: unknown, eol: string): string | null {
  // Templating and merge keys (even without aliases, `<<: {a: 1}`) are refused by the tree-based path.
  if (text.includes('{{') || text.includes('<<')) return null;
  let edited = text;
  for (const edit of edits) {
    if (edit.op !== 'set' || edit.path.length === 0) return null;
    if (valueAt(current, edit.path) === edit.value) continue;
    const splice = spliceForSet(edited, edit.path, edit.value, eol);
    if (!splice) return null;
    edited = applySplices(edited, [splice]);
  }
  return edited;
}

function valueAt(value: unknown, path: NodePath): unknown {
  let node = value;
  for (const segment of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[String(segment)];
  }
  return node;
}

function spliceForSet(text: string, path: NodePath, value: ScalarValue, eol: string): Splice | null {
  const walk = walkBlocks(text, path);
  if (walk === null) return null;
  if (walk.kind === 'found') {
    if (!walk.keyLine || typeof path[path.length - 1] !== 'string') return null;
    return replaceValue(text, walk.keyLine, walk.offset, walk.valueStart, closeBlock(text, walk.container), value);
  }
  // Missing keys below a block map that exists and has entries; lists are not created.
  if (walk.kind !== 'missing' || walk.isList || path.slice(walk.depth).some((segment) => typeof segment !== 'string')) return null;
  const keys = path.slice(walk.depth).map(String);
  const unit = keys.length > 1 ? blockMapUnit(text) : 0;
  if (unit === null) return null;
  return insertEntry(text, closeBlock(text, walk.container), keys, value, unit, eol);
}

function replaceValue(text: string, line: Line, keyOffset: number, valueStart: number, container: Block, value: ScalarValue): Splice | null {
  const token = scalarToken(text, valueStart, line.end);
  if (!token) return null;
  const keyIndent = keyOffset - line.start;
  if (hasDeeperLines(text, line, keyIndent, container.end)) return null; // a nested block or a continuation line
  if (token.start === token.end) {
    // `key:` holding nothing: the value goes right after the colon, as the tree-based edit puts it.
    let indicator = token.start - 1;
    while (text[indicator] === ' ' || text[indicator] === '\t') indicator--;
    if (text[indicator] !== ':') return null;
    return { start: indicator + 1, end: indicator + 1, text: ` ${renderScalar(value, 'plain', 'double', 'block')}` };
  }
  return { start: token.start, end: token.end, text: renderScalar(value, token.style, 'double', 'block') };
}

interface Token {
  start: number;
  end: number;
  style: 'plain' | 'double' | 'single';
}

/** The one-line scalar on a key's line, or null for anything else (flow, block scalar, anchor...). */
function scalarToken(text: string, start: number, lineEnd: number): Token | null {
  if (start >= lineEnd) return { start: lineEnd, end: lineEnd, style: 'plain' };
  const first = text[start];
  if (first === '#') return null;
  if (first === '"' || first === "'") {
    let close = start + 1;
    for (; close < lineEnd; close++) {
      if (first === '"' && text[close] === '\\') close++;
      else if (text[close] === first) {
        if (first === "'" && text[close + 1] === "'") close++;
        else break;
      }
    }
    if (close >= lineEnd) return null;
    const rest = text.slice(close + 1, lineEnd);
    if (!/^\s*(#.*)?$/.test(rest)) return null;
    return { start, end: close + 1, style: first === '"' ? 'double' : 'single' };
  }
  if (/[[\]{}&*!|>%@`,]/.test(first ?? '')) return null;
  const comment = text.slice(start, lineEnd).search(/\s#/);
  const end = comment === -1 ? lineEnd : start + comment;
  let trimmed = end;
  while (trimmed > start && (text[trimmed - 1] === ' ' || text[trimmed - 1] === '\t')) trimmed--;
  return { start, end: trimmed, style: 'plain' };
}

/**
 * Mirrors sibling-style.ts: keys quoted only when all are; values quoted when any string sibling
 * is, with the quote most of them use (double on a tie). One loop: maps can be long, and this
 * runs for every inserted key.
 */
function entriesStyle(text: string, entries: readonly { offset: number; valueStart: number; line: Line }[]): PairStyle {
  let plainKeys = 0;
  let singleKeys = 0;
  let doubleKeys = 0;
  let singleValues = 0;
  let doubleValues = 0;
  for (const entry of entries) {
    const key = text.charCodeAt(entry.offset);
    if (key === DOUBLE) doubleKeys++;
    else if (key === SINGLE) singleKeys++;
    else plainKeys++;
    if (entry.valueStart >= entry.line.end) continue;
    const value = text.charCodeAt(entry.valueStart);
    if (value === DOUBLE) doubleValues++;
    else if (value === SINGLE) singleValues++;
  }
  const keyQuote = singleKeys > doubleKeys ? 'single' : 'double';
  const valueQuote = singleValues > doubleValues ? 'single' : 'double';
  const quotedValues = singleValues + doubleValues > 0;
  return {
    key: entries.length > 0 && plainKeys === 0 ? keyQuote : 'plain',
    value: quotedValues ? valueQuote : 'plain',
    quote: quotedValues ? valueQuote : keyQuote,
    context: 'block',
  };
}

const DOUBLE = 0x22;
const SINGLE = 0x27;

function insertEntry(text: string, block: Block, keys: string[], value: ScalarValue, unit: number, eol: string): Splice | null {
  const entries = blockEntries(text, block);
  const first = entries?.[0];
  const last = entries?.[entries.length - 1];
  if (!entries || !first || !last) return null;
  const style = entriesStyle(text, entries);
  const column = block.indent;
  const lines = blockLines(keys, value, unit, style);
  const lastToken = scalarToken(text, last.valueStart, last.line.end);
  const lastHasDeeperLines = hasDeeperLines(text, last.line, last.offset - last.line.start, block.end);
  // A one-line value the outline cannot classify (anchor, tag, flow collection, only a comment):
  // the tree-based path knows whether it is a scalar, which decides where the pair goes.
  if (lastToken === null && !lastHasDeeperLines) return null;
  const lastIsOneLine = lastToken !== null && !lastHasDeeperLines;
  if (lastIsOneLine) {
    const lastValue = text.slice(last.valueStart, last.line.end);
    if (/^[|>]/.test(lastValue)) return null;
    return { start: last.line.end, end: last.line.end, text: lines.map((line) => `${eol}${' '.repeat(column)}${line}`).join('') };
  }
  // A nested map last: the tree-based edit appends after it; only a list last goes before the first key here.
  if (!lastHoldsList(text, last.line, block.end)) return null;
  if (!/^[ \t]*(?:-[ \t]+)*$/.test(text.slice(first.line.start, first.offset))) return null;
  return { start: first.offset, end: first.offset, text: lines.map((line, i) => `${i === 0 ? '' : ' '.repeat(column)}${line}${eol}`).join('') + ' '.repeat(column) };
}

/** Whether the block under an entry is a list (`- ` items, indented or level with the key). */
function lastHoldsList(text: string, line: Line, limit: number): boolean {
  for (let position = line.next; position < limit; ) {
    const newline = text.indexOf('\n', position);
    const next = newline === -1 ? text.length : newline + 1;
    const content = text.slice(position, newline === -1 ? text.length : newline).trimStart();
    position = next;
    if (content === '' || content.startsWith('#')) continue;
    return content.startsWith('- ') || content === '-' || content === '-\r';
  }
  return false;
}
