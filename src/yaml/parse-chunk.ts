import type { Document, LineCounter, Node } from 'yaml';
import { isMap, isScalar, isSeq, yaml } from './yaml-library.js';
import type { NodePath } from '../model/document.js';
import type { DocumentChunk } from './split-documents.js';

/** A problem in the file: 1-based line and column, absolute in the file. */
export interface YamlProblem {
  message: string;
  line: number;
  col: number;
}

export interface ParsedChunk {
  chunk: DocumentChunk;
  doc: Document.Parsed;
  errors: YamlProblem[];
  warnings: YamlProblem[];
  /** No content at all: only comments, blank lines or markers. */
  isEmpty: boolean;
  /** 1-based position of the node at `path` (its key, for map entries), or of its nearest existing ancestor. */
  locate(path: NodePath): { line: number; col: number };
}

/** Far above any real manifest, far below what an alias bomb expands to. */
export const MAX_ALIAS_COUNT = 1000;

/**
 * The one place documents are parsed. Duplicate keys stay errors (the default): Kubernetes'
 * decoder rejects them too, and an edit could not say which of the two it meant.
 */
export function parseDocumentText(text: string, options: { lineCounter?: LineCounter; keepSourceTokens?: boolean } = {}): Document.Parsed {
  return yaml().parseDocument(text, { lineCounter: options.lineCounter, keepSourceTokens: options.keepSourceTokens ?? false, prettyErrors: false });
}

/** 1-based line and column in the file of an offset in the chunk; a BOM takes no column. */
export function positionInFile(chunk: DocumentChunk, offset: number, lineCounter?: LineCounter): { line: number; col: number } {
  const clamped = Math.max(0, Math.min(offset, chunk.text.length));
  const { line, col } = lineCounter ? lineCounter.linePos(clamped) : countLines(chunk.text, clamped);
  const bomShift = chunk.start === 0 && line === 1 && col > 1 && chunk.text.startsWith('\uFEFF') ? 1 : 0;
  return { line: line + chunk.startLine, col: col - bomShift };
}

function countLines(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return { line, col: offset - lineStart + 1 };
}

export function parseChunk(chunk: DocumentChunk): ParsedChunk {
  const lineCounter = new (yaml().LineCounter)();
  const doc = parseDocumentText(chunk.text, { lineCounter, keepSourceTokens: true });
  const position = (offset: number) => positionInFile(chunk, offset, lineCounter);
  const problem = (error: { message: string; pos: [number, number] }) => ({ message: firstLine(error.message), ...position(error.pos[0]) });
  return {
    chunk,
    doc,
    errors: doc.errors.map(problem),
    warnings: doc.warnings.map(problem),
    isEmpty: hasNoContent(doc),
    locate: (path) => position(offsetOfPath(doc, path)),
  };
}

/** After a `---` marker the library reports an empty document as a null scalar spanning no text. */
function hasNoContent(doc: Document.Parsed): boolean {
  if (doc.errors.length > 0) return false;
  const contents = doc.contents;
  if (contents === null) return true;
  return isScalar(contents) && contents.value === null && !contents.tag && !contents.anchor && contents.range[0] === contents.range[1];
}

/** Offset of the node at `path` (its key, for map entries), or of the deepest existing ancestor. */
export function offsetOfPath(doc: Document.Parsed, path: NodePath): number {
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => keyText(item.key) === String(segment));
      if (!pair) break;
      offset = (pair.key as Node | null)?.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  return offset;
}

/** The text a scalar key matches path segments by; null for null and complex keys. */
export function keyText(key: unknown): string | null {
  if (key && typeof key === 'object' && 'value' in key) {
    const value = (key as { value: unknown }).value;
    return value === null || typeof value === 'object' ? null : String(value);
  }
  return null;
}

export function toPlainValue(parsed: ParsedChunk): { ok: true; value: unknown } | { ok: false; problem: YamlProblem } {
  const error = parsed.errors[0];
  if (error) return { ok: false, problem: error };
  try {
    return { ok: true, value: parsed.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (thrown) {
    const message = firstLine(thrown instanceof Error ? thrown.message : String(thrown));
    const reason = /alias/i.test(message) ? `too many aliases (possible alias bomb): ${message}` : `the document cannot be read: ${message}`;
    return { ok: false, problem: { message: reason, ...parsed.locate([]) } };
  }
}

/** The first line of a parser message; stack exhaustion said the way a user understands it. */
function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return /maximum call stack/i.test(line) ? `nesting too deep to read safely (${line})` : line;
}
