import { LineCounter, parseAllDocuments } from 'yaml';
import type { FileChange } from '../model/file-change.js';
import type { SourceLocation } from '../model/location.js';

export interface RewrittenObject {
  location: SourceLocation;
  object: Record<string, unknown>;
}

/**
 * The Kubernetes objects a migration rewrote or created: every object of a new file, and the
 * objects of a modified file that differ from the object at the same place before (a `kind:
 * List` counts item by item). Pure.
 */
export function rewrittenObjects(changes: readonly FileChange[]): RewrittenObject[] {
  const result: RewrittenObject[] = [];
  for (const change of changes) {
    if (change.after === null || change.after === change.before) continue;
    const before = change.before === null ? [] : objectsOf(change.file, change.before);
    const previous = new Map(before.map((entry) => [entry.key, JSON.stringify(entry.object)]));
    for (const entry of objectsOf(change.file, change.after)) {
      if (previous.get(entry.key) === JSON.stringify(entry.object)) continue;
      result.push({ location: entry.location, object: entry.object });
    }
  }
  return result;
}

function objectsOf(file: string, text: string): { key: string; location: SourceLocation; object: Record<string, unknown> }[] {
  const lineCounter = new LineCounter();
  const out: { key: string; location: SourceLocation; object: Record<string, unknown> }[] = [];
  parseAllDocuments(text, { lineCounter }).forEach((doc, index) => {
    if (!('errors' in doc) || doc.errors.length > 0) return;
    const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
    const start = lineCounter.linePos(doc.contents?.range[0] ?? 0);
    const location = { file, line: start.line, col: start.col };
    if (!isObject(value) || typeof value.kind !== 'string') return;
    if (value.kind === 'List' && Array.isArray(value.items)) {
      value.items.forEach((item, itemIndex) => {
        if (isObject(item) && typeof item.kind === 'string') out.push({ key: identity(item, `${index}/${itemIndex}`), location, object: item });
      });
    } else out.push({ key: identity(value, String(index)), location, object: value });
  });
  return out;
}

/** Objects are matched by what they are, since a migration may insert documents (a new ServiceAccount) before them. */
function identity(object: Record<string, unknown>, fallback: string): string {
  const metadata = isObject(object.metadata) ? object.metadata : {};
  return typeof metadata.name === 'string' ? `${String(object.apiVersion)}/${String(object.kind)}/${String(metadata.namespace ?? '')}/${metadata.name}` : `#${fallback}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
