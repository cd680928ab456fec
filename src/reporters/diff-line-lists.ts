/** A run of lines: common to both lists, only in the old one (removed), or only in the new one (added). */
export interface LinePart {
  value: string[];
  added: boolean;
  removed: boolean;
}

/** One step of an edit path, linked to the one before it (paths share their beginnings). */
interface Component {
  count: number;
  added: boolean;
  removed: boolean;
  previous: Component | undefined;
}

interface Path {
  oldPos: number;
  last: Component | undefined;
}

/**
 * jsdiff's `diffArrays(a, b)` (diff 8, base.js), with its exact choices among equally short
 * edit paths, so its answer is the same part for part; test/reporters/diff-line-lists.test.ts
 * checks it against jsdiff. What it leaves out costs time on every call and is never used here:
 * options, callbacks and time limits, a copy of each list, paths kept in an array with negative
 * indices, and `delete` on every component (which turned each into a slow dictionary object).
 */
export function diffLineLists(oldLines: readonly string[], newLines: readonly string[]): LinePart[] {
  const oldLength = oldLines.length;
  const newLength = newLines.length;
  const maxEditLength = oldLength + newLength;
  // Diagonal d (from -maxEditLength - 1 to maxEditLength + 1) is at index d + offset.
  const offset = maxEditLength + 1;
  const bestPath: (Path | undefined)[] = new Array<Path | undefined>(2 * offset + 1).fill(undefined);
  const first: Path = { oldPos: -1, last: undefined };
  bestPath[offset] = first;
  let newPos = extractCommon(first, newLines, oldLines, 0);
  if (first.oldPos + 1 >= oldLength && newPos + 1 >= newLength) return buildValues(first.last, newLines, oldLines);
  let minDiagonal = -Infinity;
  let maxDiagonal = Infinity;
  for (let editLength = 1; editLength <= maxEditLength; editLength++) {
    for (let diagonal = Math.max(minDiagonal, -editLength); diagonal <= Math.min(maxDiagonal, editLength); diagonal += 2) {
      const removePath = bestPath[diagonal - 1 + offset];
      const addPath = bestPath[diagonal + 1 + offset];
      if (removePath) bestPath[diagonal - 1 + offset] = undefined;
      let canAdd = false;
      if (addPath) {
        const addPathNewPos = addPath.oldPos - diagonal;
        canAdd = 0 <= addPathNewPos && addPathNewPos < newLength;
      }
      const canRemove = removePath !== undefined && removePath.oldPos + 1 < oldLength;
      if (!canAdd && !canRemove) {
        bestPath[diagonal + offset] = undefined;
        continue;
      }
      const basePath = !canRemove || (canAdd && removePath.oldPos < addPath!.oldPos) ? addToPath(addPath!, true, false, 0) : addToPath(removePath, false, true, 1);
      newPos = extractCommon(basePath, newLines, oldLines, diagonal);
      if (basePath.oldPos + 1 >= oldLength && newPos + 1 >= newLength) return buildValues(basePath.last, newLines, oldLines);
      bestPath[diagonal + offset] = basePath;
      if (basePath.oldPos + 1 >= oldLength) maxDiagonal = Math.min(maxDiagonal, diagonal - 1);
      if (newPos + 1 >= newLength) minDiagonal = Math.max(minDiagonal, diagonal + 1);
    }
  }
  // Unreachable: an edit path of length oldLength + newLength always exists.
  throw new Error('no edit path found');
}

function addToPath(path: Path, added: boolean, removed: boolean, oldPosStep: number): Path {
  const last = path.last;
  if (last && last.added === added && last.removed === removed) {
    return { oldPos: path.oldPos + oldPosStep, last: { count: last.count + 1, added, removed, previous: last.previous } };
  }
  return { oldPos: path.oldPos + oldPosStep, last: { count: 1, added, removed, previous: last } };
}

function extractCommon(path: Path, newLines: readonly string[], oldLines: readonly string[], diagonal: number): number {
  let oldPos = path.oldPos;
  let newPos = oldPos - diagonal;
  let common = 0;
  while (newPos + 1 < newLines.length && oldPos + 1 < oldLines.length && oldLines[oldPos + 1] === newLines[newPos + 1]) {
    newPos++;
    oldPos++;
    common++;
  }
  if (common > 0) path.last = { count: common, added: false, removed: false, previous: path.last };
  path.oldPos = oldPos;
  return newPos;
}

function buildValues(last: Component | undefined, newLines: readonly string[], oldLines: readonly string[]): LinePart[] {
  const components: Component[] = [];
  for (let component = last; component; component = component.previous) components.push(component);
  components.reverse();
  const parts: LinePart[] = [];
  let newPos = 0;
  let oldPos = 0;
  for (const { count, added, removed } of components) {
    if (removed) {
      parts.push({ value: oldLines.slice(oldPos, oldPos + count), added, removed });
      oldPos += count;
    } else {
      parts.push({ value: newLines.slice(newPos, newPos + count), added, removed });
      newPos += count;
      if (!added) oldPos += count;
    }
  }
  return parts;
}
