import type { Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { isAlias, isMap, isScalar, isSeq } from './yaml-library.js';
import type { NodePath, PathSegment } from '../model/document.js';
import { keyText } from './parse-chunk.js';

/** Why an edit was not made, and where (an offset in the chunk). */
export interface Refusal {
  refused: string;
  offset: number;
}

export function refuse(refused: string, offset: number): Refusal {
  return { refused, offset };
}

export function isRefusal(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && 'refused' in value;
}

export type Collection = YAMLMap<unknown, unknown> | YAMLSeq<unknown>;

export interface Step {
  collection: Collection;
  /** The pair holding the next node (maps); null for lists and for a missing key. */
  pair: Pair<unknown, unknown> | null;
  /** Index of the pair or item; -1 when missing. */
  index: number;
  segment: PathSegment;
}

export interface Walked {
  steps: Step[];
  /** The node at the end of the path; undefined when the path stops early. */
  node: unknown;
  /** Index of the first path segment that does not exist; path.length when all exist. */
  missingFrom: number;
}

export function startOf(node: unknown, fallback = 0): number {
  return (node as Node | null)?.range?.[0] ?? fallback;
}

/** Anchors, aliases and merge keys make one text region mean several things: never edit through them. */
function sharedNodeProblem(node: unknown): string | null {
  if (isAlias(node)) return 'an alias (*name) is on the path';
  if (node && typeof node === 'object' && 'anchor' in node && (node as { anchor?: string }).anchor) return 'an anchor (&name) is on the path';
  if (isMap(node) && node.items.some((pair) => isScalar(pair.key) && pair.key.value === '<<')) return 'a merge key (<<) is in a map on the path';
  return null;
}

function listIndex(segment: PathSegment): number | null {
  if (typeof segment === 'number') return Number.isInteger(segment) && segment >= 0 ? segment : null;
  return /^(?:0|[1-9]\d*)$/.test(segment) ? Number(segment) : null;
}

/** A key or value holding nothing: `labels:` or `labels: null`. */
export function isNullScalar(node: unknown): boolean {
  return isScalar(node) && node.value === null;
}

/**
 * Follows `path` from the root as far as it exists. Returns the steps taken and the node found
 * at the end, or a refusal when the way is not safe to edit along.
 */
export function walkPath(root: unknown, path: NodePath): Walked | Refusal {
  let node: unknown = root;
  const steps: Step[] = [];
  for (let depth = 0; depth < path.length; depth++) {
    const segment = path[depth] as PathSegment;
    const problem = sharedNodeProblem(node);
    if (problem) return refuse(problem, startOf(node));
    if (isMap(node)) {
      const index = node.items.findIndex((item) => keyText(item.key) === String(segment));
      const pair = index === -1 ? null : (node.items[index] as Pair<unknown, unknown>);
      steps.push({ collection: node, pair, index, segment });
      if (!pair) return { steps, node: undefined, missingFrom: depth };
      if (!isScalar(pair.key)) return refuse('a complex key is on the path', startOf(pair.key));
      if (pair.key.anchor) return refuse('an anchor (&name) is on the path', startOf(pair.key));
      node = pair.value;
    } else if (isSeq(node)) {
      const index = listIndex(segment);
      if (index === null) return refuse(`"${String(segment)}" is not a list index`, startOf(node));
      const exists = index < node.items.length;
      steps.push({ collection: node, pair: null, index: exists ? index : -1, segment });
      if (!exists) return { steps, node: undefined, missingFrom: depth };
      node = node.items[index];
    } else if (node === null || node === undefined || isNullScalar(node)) {
      return { steps, node: undefined, missingFrom: depth };
    } else {
      return refuse('the path goes through a single value, not a map or list', startOf(node));
    }
  }
  const problem = sharedNodeProblem(node);
  if (problem) return refuse(problem, startOf(node));
  return { steps, node, missingFrom: path.length };
}
