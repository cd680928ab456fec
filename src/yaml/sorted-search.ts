/**
 * The index of the last number of `sorted` (ascending, not empty) that is at most `value`, by
 * halving; 0 when none is. Line starts and piece starts are found with it.
 */
export function lastAtOrBefore(sorted: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (sorted[middle]! <= value) low = middle;
    else high = middle - 1;
  }
  return low;
}
