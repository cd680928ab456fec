import type { Node, Pair } from 'yaml';
import { isMap, isScalar, isSeq, yaml } from './yaml-library.js';
import type { NodePath } from '../model/document.js';
import type { EditContext } from './edit-set.js';
import { hasTemplating } from './templating.js';
import { lineContentEnd, lineStartOf, nextLineStart, trimEnd, type Splice } from './text-positions.js';
import { isRefusal, refuse, startOf, walkPath, type Collection, type Refusal, type Step } from './walk-path.js';

function entryStart(collection: Collection, index: number): number {
  const item = collection.items[index];
  return isMap(collection) ? startOf((item as Pair<unknown, unknown>).key) : startOf(item);
}

function entryEnd(collection: Collection, index: number, text: string): number {
  return trimEnd(text, rawEntryEnd(collection, index));
}

function rawEntryEnd(collection: Collection, index: number): number {
  const fallback = collection.range?.[1] ?? 0;
  const item = collection.items[index];
  if (isMap(collection)) {
    const pair = item as Pair<unknown, unknown>;
    return (pair.value as Node | null)?.range?.[1] ?? (pair.key as Node | null)?.range?.[1] ?? fallback;
  }
  return (item as Node | null)?.range?.[1] ?? fallback;
}

/** Whether deleting the entry should take its parent's entry along: a map left empty inside a map. */
function shouldPrune(steps: Step[], prune: boolean): boolean {
  const step = steps[steps.length - 1];
  const parent = steps[steps.length - 2];
  return prune && step !== undefined && isMap(step.collection) && step.collection.items.length === 1 && parent !== undefined && isMap(parent.collection);
}

/**
 * The splices that remove the entry at `path`: whole lines for block collections, the entry and
 * one comma for flow collections. A block collection left empty becomes `{}` or `[]`, so the key
 * keeps meaning an empty map or list rather than null; with `prune`, a map left empty inside a
 * map goes too. No splices when the path does not exist.
 */
export function computeDelete(context: EditContext, path: NodePath, prune: boolean): Splice[] | Refusal {
  const { text, doc } = context;
  const walked = walkPath(doc.contents, path);
  if (isRefusal(walked)) return walked;
  if (walked.missingFrom < path.length) return [];
  const { steps } = walked;
  if (shouldPrune(steps, prune)) return computeDelete(context, path.slice(0, -1), prune);
  const step = steps[steps.length - 1];
  if (!step) return refuse('the document root cannot be deleted this way (delete the document instead)', 0);
  const anchored = anchorInside(walked.node);
  if (anchored !== null) return refuse('an anchor (&name) is inside the part to delete; aliases elsewhere may use it', anchored);
  const splices = removeEntry(text, step.collection, step.index, steps[steps.length - 2]);
  if (isRefusal(splices)) return splices;
  for (const splice of splices) {
    if (hasTemplating(text, splice.start, splice.end)) return refuse('templating ({{ }}) in the edited region', splice.start);
  }
  return splices;
}

/** Where the first anchor in a subtree is, or null: deleting it would break aliases to it. */
function anchorInside(node: unknown): number | null {
  if (!node || typeof node !== 'object') return null;
  let found: number | null = null;
  const { visit } = yaml();
  visit(node as Node, (_, item) => {
    if (item && typeof item === 'object' && 'anchor' in item && (item as Node).anchor) {
      found = (item as Node).range?.[0] ?? 0;
      return visit.BREAK;
    }
    return undefined;
  });
  return found;
}

function removeEntry(text: string, collection: Collection, index: number, parent: Step | undefined): Splice[] | Refusal {
  const count = collection.items.length;
  const [collectionStart, collectionEnd] = collection.range ?? [0, 0];
  if (isMap(collection)) {
    const key = (collection.items[index] as Pair<unknown, unknown>).key;
    if (!isScalar(key)) return refuse('a complex key', startOf(key, collectionStart));
  }

  if (collection.flow) {
    if (count === 1) return [{ start: collectionStart + 1, end: collectionEnd - 1, text: '' }];
    if (index < count - 1) return [{ start: entryStart(collection, index), end: entryStart(collection, index + 1), text: '' }];
    return [{ start: entryEnd(collection, index - 1, text), end: entryEnd(collection, index, text), text: '' }];
  }

  const start = entryStart(collection, index);
  const lineStart = lineStartOf(text, start);
  const lead = text.slice(lineStart, start);
  const empty = isSeq(collection) ? '[]' : '{}';
  if (isMap(collection) && /^[ \t]*(?:-[ \t]+)+$/.test(lead)) {
    // The first key of a map that is a list item (`- name: a`): the next key moves up behind the dash.
    if (index !== 0) return refuse('an entry shares its line with other content', start);
    if (count === 1) return [{ start, end: entryEnd(collection, index, text), text: empty }];
    return [{ start, end: entryStart(collection, 1), text: '' }];
  }
  if (!/^[ \t]*(?:-[ \t]+)?$/.test(lead)) return refuse('an entry shares its line with other content', start);
  const lines = wholeLines(text, lineStart, nextLineStart(text, entryEnd(collection, index, text)));
  if (count > 1) return [lines];
  if (parent === undefined) {
    // The whole document empties: it stays a map or list, not null. The line break is kept as it was.
    const end = nextLineStart(text, entryEnd(collection, index, text));
    const lineBreak = text.slice(lineContentEnd(text, end - 1), end).replace(/^[^\r\n]*/, '');
    return [{ start: lineStart, end, text: `${lead.replace(/-.*$/, '')}${empty}${lineBreak}` }];
  }
  const marker = markEmpty(text, collection, parent);
  return isRefusal(marker) ? marker : [lines, ...marker];
}

/** The `{}` or `[]` that keeps an emptied block collection a collection, after its parent key's colon. */
function markEmpty(text: string, collection: Collection, parent: Step | undefined): Splice[] | Refusal {
  const empty = isSeq(collection) ? '[]' : '{}';
  const keyEnd = (parent?.pair?.key as Node | null | undefined)?.range?.[1];
  if (keyEnd === undefined) return refuse(`the last entry cannot be removed here: it would leave an empty ${empty} without a key`, collection.range?.[0] ?? 0);
  let colon = keyEnd;
  while (text[colon] === ' ' || text[colon] === '\t') colon++;
  if (text[colon] !== ':') return refuse('an unusual key layout', keyEnd);
  return [{ start: colon + 1, end: colon + 1, text: ` ${empty}` }];
}

/** Whole lines to remove; at the end of a text without a final line break, the break before them goes instead. */
function wholeLines(text: string, start: number, end: number): Splice {
  if (end < text.length || text.endsWith('\n') || text[start - 1] !== '\n') return { start, end, text: '' };
  const breakStart = text[start - 2] === '\r' ? start - 2 : start - 1;
  return { start: breakStart, end, text: '' };
}
