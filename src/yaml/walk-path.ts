import { isAlias, isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { NodePath, PathSegment } from '../model/document.js';
import { keyText } from './parse-chunk.js';

/** Why an edit was not made, and where. */
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
  /** The pair (maps) or item index (sequences) that holds the next node; null when missing. */
  pair: Pair<unknown, unknown> | null;
  index: number;
  segment: PathSegment;
}

export function startOf(node: unknown, fallback = 0): number {
  return (node as Node | null)?.range?.[0] ?? fallback;
}

/** Anchors, aliases and merge keys make one text region mean several things: never edit through them. */
function sharedNodeProblem(node: unknown): string | null {
  if (isAlias(node)) return 'an alias (*name) is on the path';
  if (node && typeof node === 'object' && 'anchor' in node && (node as { anchor?: string }).anchor) return 'an anchor (&name) is on the path';
  if (isMap(node) && node.items.some((pair) => isScalar(pair.key) && pair.key.value === '<<')) return 'a merge key (<<) is on the path';
  return null;
}

/**
 * Follows `path` from the root as far as it exists. Returns the steps taken and the node found
 * at the end (undefined when the path stops early), or a refusal when the way is not safe.
 */
export function walkPath(root: unknown, path: NodePath): { steps: Step[]; node: unknown; missingFrom: number } | Refusal {
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
      node = pair.value;
    } else if (isSeq(node)) {
      if (typeof segment !== 'number' || segment < 0 || segment >= node.items.length) return refuse(`no item ${String(segment)} in the list`, startOf(node));
      steps.push({ collection: node, pair: null, index: segment, segment });
      node = node.items[segment];
    } else if (node === null || (isScalar(node) && node.value === null)) {
      return { steps, node: undefined, missingFrom: depth };
    } else {
      return refuse('the path goes through a scalar value', startOf(node));
    }
  }
  const problem = sharedNodeProblem(node);
  if (problem) return refuse(problem, startOf(node));
  return { steps, node, missingFrom: path.length };
}

export { isPair };
