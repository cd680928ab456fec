/** A seeded pseudo-random number generator (0 <= n < 1), so that random tests replay exactly. */
export function seeded(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}
