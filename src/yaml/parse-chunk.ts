import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
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
  locate(path: NodePath): { line: number; col: number };
}

/** Far above any real manifest, far below what an alias bomb expands to. */
const MAX_ALIAS_COUNT = 1000;

export function parseDocumentText(text: string, lineCounter?: LineCounter): Document.Parsed {
  // Kubernetes manifests are YAML 1.2 as sigs.k8s.io/yaml reads them; unique keys are required there too.
  return parseDocument(text, { lineCounter, prettyErrors: false, keepSourceTokens: false });
}

export function parseChunk(chunk: DocumentChunk): ParsedChunk {
  const lineCounter = new LineCounter();
  const doc = parseDocumentText(chunk.text, lineCounter);
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(Math.max(0, Math.min(offset, chunk.text.length)));
    return { line: line + chunk.startLine, col };
  };
  const problem = (error: { message: string; pos: [number, number] }) => ({ message: firstLine(error.message), ...position(error.pos[0]) });
  return {
    chunk,
    doc,
    errors: doc.errors.map(problem),
    warnings: doc.warnings.map(problem),
    isEmpty: doc.contents === null && doc.errors.length === 0,
    locate: (path) => position(offsetOf(doc, path)),
  };
}

/** Offset of the node at `path` (its key, for map entries), or of the deepest existing ancestor. */
function offsetOf(doc: Document.Parsed, path: NodePath): number {
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => keyText(item.key) === String(segment));
      if (!pair) break;
      offset = (pair.key as Node | null)?.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  return offset;
}

export function keyText(key: unknown): string | null {
  if (key && typeof key === 'object' && 'value' in key) {
    const value = (key as { value: unknown }).value;
    return value === null || typeof value === 'object' ? null : String(value);
  }
  return null;
}

export function toPlainValue(parsed: ParsedChunk): { ok: true; value: unknown } | { ok: false; problem: YamlProblem } {
  try {
    return { ok: true, value: parsed.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const reason = /alias/i.test(message) ? `too many aliases (possible alias bomb): ${firstLine(message)}` : firstLine(message);
    return { ok: false, problem: { message: reason, ...parsed.locate([]) } };
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
