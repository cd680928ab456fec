import { isMap, isScalar, type Document, type Node } from 'yaml';
import type { NodePath } from '../model/document.js';
import { lineStartOf, nextLineStart, type Splice } from './text-positions.js';
import { isRefusal, refuse, startOf, walkPath, type Refusal } from './walk-path.js';

/**
 * The splice that removes the entry at `path`: whole lines for block collections, the entry and
 * one comma for flow collections. With `prune`, an entry that would leave its map empty takes
 * the map's own entry with it instead. Null when the path does not exist.
 */
export function computeDelete(text: string, doc: Document.Parsed, path: NodePath, prune: boolean): Splice | Refusal | null {
  const walked = walkPath(doc.contents, path);
  if (isRefusal(walked)) return walked;
  if (walked.missingFrom < path.length) return null;
  const step = walked.steps[walked.steps.length - 1];
  if (!step) return refuse('the document root cannot be deleted this way', 0);
  const { collection, index } = step;
  if (prune && isMap(collection) && collection.items.length === 1 && path.length > 1) {
    return computeDelete(text, doc, path.slice(0, -1), prune);
  }
  const [collectionStart, collectionEnd] = collection.range ?? [0, 0];
  if (text.slice(collectionStart, collectionEnd).includes('{{')) return refuse('templating ({{ }}) in the edited region', collectionStart);

  const entryStart = (i: number): number => {
    const item = collection.items[i];
    return isMap(collection) ? startOf((item as { key: unknown }).key) : startOf(item);
  };
  const entryEnd = (i: number): number => {
    const item = collection.items[i] as Node | { key: Node | null; value: Node | null };
    if (isMap(collection)) {
      const pair = item as { key: Node | null; value: Node | null };
      return pair.value?.range?.[1] ?? pair.key?.range?.[1] ?? collectionEnd;
    }
    return (item as Node).range?.[1] ?? collectionEnd;
  };

  if (collection.flow) {
    const count = collection.items.length;
    if (count === 1) return { start: collectionStart + 1, end: collectionEnd - 1, text: '' };
    if (index < count - 1) return { start: entryStart(index), end: entryStart(index + 1), text: '' };
    return { start: entryEnd(index - 1), end: entryEnd(index), text: '' };
  }

  const start = lineStartOf(text, entryStart(index));
  const lead = text.slice(start, entryStart(index));
  if (!/^[ \t]*(-[ \t]+)?$/.test(lead) || (isMap(collection) && lead.includes('-'))) {
    return refuse('the entry shares its line with other content', entryStart(index));
  }
  const keyNode = isMap(collection) ? (collection.items[index] as { key: unknown }).key : null;
  if (keyNode && !isScalar(keyNode)) return refuse('a complex key', start);
  return { start, end: nextLineStart(text, entryEnd(index)), text: '' };
}
