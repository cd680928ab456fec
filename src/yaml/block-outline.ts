import type { NodePath } from '../model/document.js';

/**
 * A line scanner for the block-style YAML that nearly all manifests are written in: it finds
 * where the node at a path starts without building a node tree, which is many times faster than
 * a full parse. It only answers when the layout is plain (block maps and lists, plain or quoted
 * one-line keys); anything else (flow collections on the path, anchors, tags, tabs, multi-line
 * keys...) gives `null`, and the caller asks the real parser instead.
 */

interface Line {
  start: number;
  /** Offset of the first non-space character; equals `end` for a blank line. */
  content: number;
  /** Before the line break. */
  end: number;
  next: number;
  indent: number;
}

/**
 * A block map or list: the lines it spans and the column its entries start at. A block nested
 * under a key is `open`: `end` is only where its parent ends, and the block itself ends at its
 * first line with content that is less indented (or, for a list, level with it but not an item).
 * Scans find that line as they go, so a walk down a path never reads a block it does not need to
 * the end (closeBlock gives the exact end when a caller needs it).
 */
interface Block {
  start: number;
  end: number;
  indent: number;
  /** For an entry that starts on a list item's line (`- key: v`), where that first entry begins. */
  firstContent?: number;
  open?: { isList: boolean };
}

type Found = { offset: number; valueStart: number; line: Line } | 'missing' | 'unsure';

export type BlockLocation = { found: true; offset: number } | { found: false; nearest: number };

function lineAt(text: string, start: number): Line {
  const newline = text.indexOf('\n', start);
  const next = newline === -1 ? text.length : newline + 1;
  let end = newline === -1 ? text.length : newline;
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  let content = start;
  while (content < end && text.charCodeAt(content) === 32) content++;
  return { start, content, end, next, indent: content - start };
}

function isBlankOrComment(text: string, line: Line): boolean {
  return line.content === line.end || text.charCodeAt(line.content) === 35; // '#'
}

/** The key at `offset` and where its value starts, or null when it is not a simple `key:`. */
function readKey(text: string, offset: number, end: number): { key: string; valueStart: number } | null {
  const first = text[offset];
  let key: string;
  let after: number;
  if (first === '"' || first === "'") {
    let close = offset + 1;
    for (; close < end; close++) {
      const char = text[close];
      if (first === '"' && char === '\\') close++;
      else if (char === first) {
        if (first === "'" && text[close + 1] === "'") close++;
        else break;
      }
    }
    if (close >= end) return null;
    const token = text.slice(offset, close + 1);
    try {
      key = first === '"' ? (JSON.parse(token) as string) : token.slice(1, -1).replaceAll("''", "'");
    } catch {
      return null;
    }
    after = close + 1;
    while (text[after] === ' ') after++;
    if (text[after] !== ':') return null;
  } else {
    if (cannotStartPlainKey(text, offset)) return null;
    const colon = keyColon(text, offset, end);
    if (colon === -1) return null;
    key = text.slice(offset, plainKeyEnd(text, offset, colon));
    if (key === '' || key.includes(' #')) return null;
    after = colon;
  }
  let valueStart = after + 1;
  while (valueStart < end && text[valueStart] === ' ') valueStart++;
  return { key, valueStart };
}

/** Whether a line with content at `indent` ends an open block (see Block). */
function endsOpenBlock(text: string, block: Block, content: number, indent: number): boolean {
  if (!block.open) return false;
  return indent < block.indent || (block.open.isList && indent === block.indent && text.charCodeAt(content) !== 45); // '-'
}

/**
 * Looks for `key` among the entries of a block map. It runs for every level of every path an
 * edit or a finding names, so it reads lines without making an object per line, and compares
 * plain keys in place.
 */
function findKey(text: string, block: Block, key: string): Found {
  for (let position = block.start; position < block.end; ) {
    const newline = text.indexOf('\n', position);
    const next = newline === -1 ? text.length : newline + 1;
    let end = newline === -1 ? text.length : newline;
    if (end > position && text.charCodeAt(end - 1) === 13) end--;
    let lineContent = position;
    while (lineContent < end && text.charCodeAt(lineContent) === 32) lineContent++;
    const lineStart = position;
    position = next;
    const content = block.firstContent !== undefined && lineStart === block.start ? block.firstContent : lineContent;
    if (content === end || text.charCodeAt(content) === 35) continue; // blank, or a comment
    const indent = content - lineStart;
    if (endsOpenBlock(text, block, content, indent)) return 'missing';
    if (hasTab(text, lineStart, content)) return 'unsure';
    if (indent > block.indent) continue;
    if (indent < block.indent) return 'unsure';
    // An indentless list (`containers:` then `- name: x` at the same column) belongs to the key above.
    if (text.startsWith('- ', content) || (text.charCodeAt(content) === 45 && content + 1 === end)) continue;
    const entry = keyAt(text, content, end, key);
    if (entry === 'unsure') return 'unsure';
    if (entry !== 'other') return { offset: content, valueStart: entry, line: { start: lineStart, content: lineContent, end, next, indent: lineContent - lineStart } };
  }
  return 'missing';
}

function hasTab(text: string, from: number, to: number): boolean {
  for (let at = from; at < to; at++) if (text.charCodeAt(at) === 9) return true;
  return false;
}

/**
 * Whether the entry at `offset` has the key `key`: where its value starts when it does, 'other'
 * when it has another key, 'unsure' when the line is not a simple `key:` (as readKey). A plain
 * key is compared where it stands; a quoted one is read.
 */
function keyAt(text: string, offset: number, end: number, key: string): number | 'other' | 'unsure' {
  const first = text.charCodeAt(offset);
  if (first === 34 || first === 39) {
    const entry = readKey(text, offset, end);
    if (!entry) return 'unsure';
    return entry.key === key ? entry.valueStart : 'other';
  }
  if (cannotStartPlainKey(text, offset)) return 'unsure';
  const colon = keyColon(text, offset, end);
  if (colon === -1) return 'unsure';
  const keyEnd = plainKeyEnd(text, offset, colon);
  if (keyEnd === offset) return 'unsure';
  for (let at = offset; at + 1 < keyEnd; at++) if (text.charCodeAt(at) === 32 && text.charCodeAt(at + 1) === 35) return 'unsure'; // ' #'
  if (keyEnd - offset !== key.length || !text.startsWith(key, offset)) return 'other';
  let valueStart = colon + 1;
  while (valueStart < end && text.charCodeAt(valueStart) === 32) valueStart++;
  return valueStart;
}

function cannotStartPlainKey(text: string, offset: number): boolean {
  const first = text[offset];
  return first === undefined || '-?:,[]{}#&*!|>%@`'.includes(first);
}

/** The colon that ends a plain key on its line (followed by a space, a tab or the line end), or -1. */
function keyColon(text: string, offset: number, end: number): number {
  for (let colon = text.indexOf(':', offset); colon !== -1 && colon < end; colon = text.indexOf(':', colon + 1)) {
    if (colon + 1 === end) return colon;
    const after = text.charCodeAt(colon + 1);
    if (after === 32 || after === 9 || after === 13 || after === 10) return colon;
  }
  return -1;
}

/** Where a plain key before `colon` ends: YAML separates it from the colon by spaces and tabs only. */
function plainKeyEnd(text: string, offset: number, colon: number): number {
  let end = colon;
  while (end > offset && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
  return end;
}

/** The block nested under a key whose value is not on its own line, or null when there is none. */
function childBlock(text: string, keyLine: Line, keyIndent: number, limit: number): { block: Block; isList: boolean } | null {
  let first: Line | null = null;
  for (let position = keyLine.next; position < limit; ) {
    const line = lineAt(text, position);
    position = line.next;
    if (isBlankOrComment(text, line)) continue;
    first = line;
    break;
  }
  if (!first) return null;
  const isList = text.startsWith('- ', first.content) || (text[first.content] === '-' && first.content + 1 === first.end);
  if (first.indent < keyIndent || (first.indent === keyIndent && !isList)) return null;
  return { block: { start: first.start, end: limit, indent: first.indent, open: { isList } }, isList };
}

/** An open block (see Block) with its exact end, for the edits that need to know it. */
export function closeBlock(text: string, block: Block): Block {
  if (!block.open) return block;
  return { start: block.start, end: blockEnd(text, block.start, block.end, block.indent, block.open.isList), indent: block.indent };
}

/**
 * Where a block whose entries sit at `indent` ends: the first line with content that is less
 * indented (or, for a list, level with it but not an item). A map's entries may hold indentless
 * lists at the map's own column. It reads every line of the block without making an object per line.
 */
function blockEnd(text: string, from: number, limit: number, indent: number, isList: boolean): number {
  for (let position = from; position < limit; ) {
    const newline = text.indexOf('\n', position);
    let end = newline === -1 ? text.length : newline;
    if (end > position && text.charCodeAt(end - 1) === 13) end--;
    let content = position;
    while (content < end && text.charCodeAt(content) === 32) content++;
    const blankOrComment = content === end || text.charCodeAt(content) === 35; // '#'
    const lineIndent = content - position;
    if (!blankOrComment && (lineIndent < indent || (isList && lineIndent === indent && text.charCodeAt(content) !== 45 /* - */))) return position;
    position = newline === -1 ? text.length : newline + 1;
  }
  return limit;
}

/** The start of the first document line with content, past markers, directives and comments. */
function rootBlock(text: string): Block | null {
  for (let position = text.charCodeAt(0) === 0xfeff ? 1 : 0; position < text.length; ) {
    const line = lineAt(text, position);
    position = line.next;
    if (isBlankOrComment(text, line) || text[line.content] === '%') continue;
    if (text.startsWith('---', line.content)) {
      if (line.content + 3 !== line.end && !/^---\s*(#.*)?$/.test(text.slice(line.content, line.end))) return null;
      continue;
    }
    return { start: line.start, end: text.length, indent: line.indent };
  }
  return null;
}

/** What a walk down a path found: the node, or the block where the path stops. */
export type BlockWalk =
  | { kind: 'found'; offset: number; keyLine: Line | null; valueStart: number; container: Block }
  | { kind: 'missing'; depth: number; container: Block; isList: boolean; nearest: number }
  | { kind: 'empty'; depth: number; nearest: number };

/** Walks `path` down block maps and lists; null when the layout is not plain enough to say. */
export function walkBlocks(text: string, path: NodePath): BlockWalk | null {
  let block = rootBlock(text);
  if (!block) return null;
  let nearest = lineAt(text, block.start).content;
  let isList = text.startsWith('- ', nearest);
  if (path.length === 0) return { kind: 'found', offset: nearest, keyLine: null, valueStart: nearest, container: block };
  for (let depth = 0; depth < path.length; depth++) {
    const segment = path[depth];
    if (typeof segment === 'number') {
      if (!isList) return null;
      const item = listItem(text, block, segment);
      if (item === 'missing') return { kind: 'missing', depth, container: block, isList, nearest };
      if (item === 'unsure') return null;
      if (depth === path.length - 1) return { kind: 'found', offset: item.content, keyLine: null, valueStart: item.content, container: block };
      block = { start: item.line.start, end: item.end, indent: item.content - item.line.start, firstContent: item.content };
      nearest = item.content;
      isList = false;
      continue;
    }
    if (isList) return null;
    const found = findKey(text, block, String(segment));
    if (found === 'unsure') return null;
    if (found === 'missing') return { kind: 'missing', depth, container: block, isList, nearest };
    nearest = found.offset;
    if (depth === path.length - 1) return { kind: 'found', offset: found.offset, keyLine: found.line, valueStart: found.valueStart, container: block };
    // An inline value (scalar, flow collection, block scalar header, anchor, tag) ends the easy part.
    if (found.valueStart < found.line.end && text[found.valueStart] !== '#') return null;
    const child = childBlock(text, found.line, found.offset - found.line.start, block.end);
    if (!child) return { kind: 'empty', depth: depth + 1, nearest };
    block = child.block;
    isList = child.isList;
  }
  return null;
}

/**
 * Where the node at `path` starts (its key, for a map entry), or where the deepest existing
 * ancestor starts when the path is missing; null when the layout is not plain enough to say.
 */
export function locateInBlock(text: string, path: NodePath): BlockLocation | null {
  const walk = walkBlocks(text, path);
  if (walk === null) return null;
  return walk.kind === 'found' ? { found: true, offset: walk.offset } : { found: false, nearest: walk.nearest };
}

/** The entries of a block map: where each key starts and what its line holds. */
export function blockEntries(text: string, block: Block): { offset: number; line: Line; valueStart: number; key: string }[] | null {
  const entries: { offset: number; line: Line; valueStart: number; key: string }[] = [];
  for (let position = block.start; position < block.end; ) {
    const line = lineAt(text, position);
    position = line.next;
    const content = block.firstContent !== undefined && line.start === block.start ? block.firstContent : line.content;
    if (content === line.end || text.charCodeAt(content) === 35) continue;
    const indent = content - line.start;
    if (indent > block.indent) continue;
    if (indent < block.indent || text.slice(line.start, content).includes('\t')) return null;
    if (text.startsWith('- ', content) || (text[content] === '-' && content + 1 === line.end)) continue;
    const entry = readKey(text, content, line.end);
    if (!entry) return null;
    entries.push({ offset: content, line, valueStart: entry.valueStart, key: entry.key });
  }
  return entries;
}

/** Whether more-indented content follows a line before `limit`: a nested block or a continuation. */
export function hasDeeperLines(text: string, line: Line, indent: number, limit: number): boolean {
  for (let position = line.next; position < limit; ) {
    const next = lineAt(text, position);
    position = next.next;
    if (isBlankOrComment(text, next)) continue;
    return next.indent > indent || (next.indent === indent && text.startsWith('-', next.content));
  }
  return false;
}

/** A quoted value that closes on its own line, or a plain one that cannot open a block. */
const ONE_LINE_VALUE = /^(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^"'|>{[&*!#\s][^#]*?)?\s*(?:#.*)?$/;

/**
 * The indentation step of the first nested block map in document order, which is how the
 * tree-based edits (document-layout.ts) indent a new nested map; null when the outline cannot
 * tell, and the tree decides.
 */
export function blockMapUnit(text: string): number | null {
  const root = rootBlock(text);
  if (!root) return null;
  for (let position = root.start; position < text.length; ) {
    const line = lineAt(text, position);
    position = line.next;
    if (isBlankOrComment(text, line)) continue;
    let keyAt = line.content;
    while (text.startsWith('- ', keyAt)) {
      keyAt += 2;
      while (text[keyAt] === ' ') keyAt++;
    }
    const entry = readKey(text, keyAt, line.end);
    if (!entry) return null;
    if (entry.valueStart < line.end && text[entry.valueStart] !== '#') {
      if (!ONE_LINE_VALUE.test(text.slice(entry.valueStart, line.end))) return null;
      continue;
    }
    let nested: Line | null = null;
    for (let after = line.next; after < text.length && nested === null; ) {
      const candidate = lineAt(text, after);
      after = candidate.next;
      if (!isBlankOrComment(text, candidate)) nested = candidate;
    }
    const keyColumn = keyAt - line.start;
    if (nested === null || nested.indent <= keyColumn) continue;
    if (text.startsWith('- ', nested.content) || (text[nested.content] === '-' && nested.content + 1 === nested.end)) continue;
    if (!readKey(text, nested.content, nested.end)) return null;
    return nested.indent - keyColumn;
  }
  return null;
}

export type { Block, Line };

function listItem(text: string, block: Block, index: number): { line: Line; content: number; end: number } | 'missing' | 'unsure' {
  let count = -1;
  let current: { line: Line; content: number } | null = null;
  for (let position = block.start; position < block.end; ) {
    const line = lineAt(text, position);
    position = line.next;
    if (isBlankOrComment(text, line)) continue;
    if (endsOpenBlock(text, block, line.content, line.indent)) return current ? { ...current, end: line.start } : 'missing';
    if (line.indent > block.indent) continue;
    if (line.indent < block.indent || !text.startsWith('- ', line.content)) return 'unsure';
    count++;
    if (current) return { ...current, end: line.start };
    if (count === index) {
      let content = line.content + 2;
      while (text[content] === ' ') content++;
      if (content >= line.end || /[[{&*!|>"']/.test(text[content] ?? '')) return 'unsure';
      current = { line, content };
    }
  }
  return current ? { ...current, end: block.end } : 'missing';
}
