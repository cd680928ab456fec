/** A run of lines: common to both lists, only in the old one (removed), or only in the new one (added). */
export interface LinePart {
  value: string[];
  added: boolean;
  removed: boolean;
}

const COMMON = 0;
const ADDED = 1;
const REMOVED = 2;
const NONE = -1;

/**
 * jsdiff's `diffArrays(a, b)` (diff 8, base.js), with its exact choices among equally short
 * edit paths, so its answer is the same part for part; test/reporters/diff-line-lists.test.ts
 * checks it against jsdiff. What it leaves out costs time on every call and is never used here:
 * options, callbacks and time limits, and an object for every step of every path (the paths and
 * their steps are numbers in typed arrays here, which the garbage collector never has to visit).
 */
export function diffLineLists(oldLines: readonly string[], newLines: readonly string[]): LinePart[] {
  return onlyAdded(oldLines, newLines) ?? onlyRemoved(oldLines, newLines) ?? shortestEdit(oldLines, newLines);
}

/**
 * The answer when the new list is the old one with lines added, or null. Then every shortest
 * path only adds, ends on the lowest diagonal, and jsdiff, which tries that diagonal first in each
 * round and can reach it only from the one above, follows one path there: lines in common as far
 * as they go, one added line, lines in common again, and so on. That is what this builds, in time
 * linear in the lists (most edits of a migration only add lines).
 */
function onlyAdded(oldLines: readonly string[], newLines: readonly string[]): LinePart[] | null {
  return greedyParts(oldLines, newLines, true);
}

/** The same for a new list that is the old one with lines removed: the highest diagonal, reached only from the one below. */
function onlyRemoved(oldLines: readonly string[], newLines: readonly string[]): LinePart[] | null {
  return greedyParts(newLines, oldLines, false);
}

/**
 * Walks `longer` and `shorter` together, taking lines in common whenever they agree and the next
 * line of `longer` as added (or removed) when they do not; null when `shorter` is not used up.
 */
function greedyParts(shorter: readonly string[], longer: readonly string[], added: boolean): LinePart[] | null {
  const parts: LinePart[] = [];
  let inShorter = 0;
  let inLonger = 0;
  while (inShorter < shorter.length || inLonger < longer.length) {
    const start = inLonger;
    while (inShorter < shorter.length && inLonger < longer.length && shorter[inShorter] === longer[inLonger]) {
      inShorter++;
      inLonger++;
    }
    // Lines in common are jsdiff's new lines; equal strings either way.
    if (inLonger > start) parts.push({ value: longer.slice(start, inLonger), added: false, removed: false });
    if (inLonger === longer.length) break;
    const changed = inLonger;
    while (inLonger < longer.length && (inShorter === shorter.length || shorter[inShorter] !== longer[inLonger])) inLonger++;
    parts.push({ value: longer.slice(changed, inLonger), added, removed: !added });
  }
  return inShorter === shorter.length ? parts : null;
}

/** jsdiff's search (Myers's algorithm, with its bounds on the diagonals), for lists that both add and remove. */
function shortestEdit(oldLines: readonly string[], newLines: readonly string[]): LinePart[] {
  const oldLength = oldLines.length;
  const newLength = newLines.length;
  const maxEditLength = oldLength + newLength;
  // The best path on diagonal d (from -maxEditLength - 1 to maxEditLength + 1) is at d + offset:
  // how far it got in the old list, and its last step (NONE: no path there).
  const offset = maxEditLength + 1;
  const pathOldPos = new Int32Array(2 * offset + 1);
  const pathLast = new Int32Array(2 * offset + 1).fill(NONE);
  const hasPath = new Uint8Array(2 * offset + 1);
  const steps = new Steps();
  hasPath[offset] = 1;
  pathOldPos[offset] = -1;
  let newPos = extractCommon(offset, 0, pathOldPos, pathLast, steps, newLines, oldLines);
  if (pathOldPos[offset]! + 1 >= oldLength && newPos + 1 >= newLength) return steps.parts(pathLast[offset]!, newLines, oldLines);
  let minDiagonal = -Infinity;
  let maxDiagonal = Infinity;
  for (let editLength = 1; editLength <= maxEditLength; editLength++) {
    for (let diagonal = Math.max(minDiagonal, -editLength); diagonal <= Math.min(maxDiagonal, editLength); diagonal += 2) {
      const removeAt = diagonal - 1 + offset;
      const addAt = diagonal + 1 + offset;
      const at = diagonal + offset;
      const hasRemove = hasPath[removeAt] === 1;
      const removeOldPos = pathOldPos[removeAt]!;
      const removeLast = pathLast[removeAt]!;
      hasPath[removeAt] = 0;
      let canAdd = false;
      if (hasPath[addAt] === 1) {
        const addPathNewPos = pathOldPos[addAt]! - diagonal;
        canAdd = 0 <= addPathNewPos && addPathNewPos < newLength;
      }
      const canRemove = hasRemove && removeOldPos + 1 < oldLength;
      if (!canAdd && !canRemove) {
        hasPath[at] = 0;
        continue;
      }
      // Branch from the path that got further in the old list; a new path, the old ones stay as they were.
      if (!canRemove || (canAdd && removeOldPos < pathOldPos[addAt]!)) {
        pathOldPos[at] = pathOldPos[addAt]!;
        pathLast[at] = steps.add(pathLast[addAt]!, ADDED);
      } else {
        pathOldPos[at] = removeOldPos + 1;
        pathLast[at] = steps.add(removeLast, REMOVED);
      }
      hasPath[at] = 1;
      newPos = extractCommon(at, diagonal, pathOldPos, pathLast, steps, newLines, oldLines);
      if (pathOldPos[at]! + 1 >= oldLength && newPos + 1 >= newLength) return steps.parts(pathLast[at]!, newLines, oldLines);
      if (pathOldPos[at]! + 1 >= oldLength) maxDiagonal = Math.min(maxDiagonal, diagonal - 1);
      if (newPos + 1 >= newLength) minDiagonal = Math.max(minDiagonal, diagonal + 1);
    }
  }
  // Unreachable: an edit path of length oldLength + newLength always exists.
  throw new Error('no edit path found');
}

/** Follows the diagonal from the path at `at` while the lines agree; the new list's position it reached. */
function extractCommon(at: number, diagonal: number, pathOldPos: Int32Array, pathLast: Int32Array, steps: Steps, newLines: readonly string[], oldLines: readonly string[]): number {
  let oldPos = pathOldPos[at]!;
  let newPos = oldPos - diagonal;
  let common = 0;
  while (newPos + 1 < newLines.length && oldPos + 1 < oldLines.length && oldLines[oldPos + 1] === newLines[newPos + 1]) {
    newPos++;
    oldPos++;
    common++;
  }
  if (common > 0) pathLast[at] = steps.push(common, COMMON, pathLast[at]!);
  pathOldPos[at] = oldPos;
  return newPos;
}

/**
 * The steps of all paths, each a run of one kind linked to the step before it: paths that
 * branch from one share their beginning. A step is never changed once made.
 */
class Steps {
  private count = new Int32Array(64);
  private kind = new Uint8Array(64);
  private previous = new Int32Array(64);
  private size = 0;

  push(count: number, kind: number, previous: number): number {
    if (this.size === this.count.length) this.grow();
    this.count[this.size] = count;
    this.kind[this.size] = kind;
    this.previous[this.size] = previous;
    return this.size++;
  }

  /** One more step of `kind` after `last`: the same run one longer when `last` is of that kind. */
  add(last: number, kind: number): number {
    if (last !== NONE && this.kind[last] === kind) return this.push(this.count[last]! + 1, kind, this.previous[last]!);
    return this.push(1, kind, last);
  }

  parts(last: number, newLines: readonly string[], oldLines: readonly string[]): LinePart[] {
    const chain: number[] = [];
    for (let step = last; step !== NONE; step = this.previous[step]!) chain.push(step);
    const parts: LinePart[] = [];
    let newPos = 0;
    let oldPos = 0;
    for (let index = chain.length - 1; index >= 0; index--) {
      const step = chain[index]!;
      const count = this.count[step]!;
      const kind = this.kind[step]!;
      if (kind === REMOVED) {
        parts.push({ value: oldLines.slice(oldPos, oldPos + count), added: false, removed: true });
        oldPos += count;
      } else {
        parts.push({ value: newLines.slice(newPos, newPos + count), added: kind === ADDED, removed: false });
        newPos += count;
        if (kind === COMMON) oldPos += count;
      }
    }
    return parts;
  }

  private grow(): void {
    const capacity = this.count.length * 2;
    const count = new Int32Array(capacity);
    const kind = new Uint8Array(capacity);
    const previous = new Int32Array(capacity);
    count.set(this.count);
    kind.set(this.kind);
    previous.set(this.previous);
    this.count = count;
    this.kind = kind;
    this.previous = previous;
  }
}
