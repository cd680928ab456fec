// Seeded randomness for the corpus generator. Math.random is never used: the same seed must give
// the same bytes, so a benchmark run can be compared with an earlier one.

/**
 * @typedef {object} Rng
 * @property {() => number} next float in [0, 1)
 * @property {(n: number) => number} int integer in [0, n)
 * @property {(p: number) => boolean} chance true with probability p
 * @property {<T>(items: readonly T[]) => T} pick one item, uniformly
 * @property {() => string} guid a lowercase version-4-looking GUID
 */

/**
 * mulberry32: tiny, fast and good enough for synthetic data (not for anything secret).
 * @param {number} seed
 * @returns {Rng}
 */
export function createRng(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (/** @type {number} */ n) => Math.floor(next() * n);
  const hex = (/** @type {number} */ length) => {
    let out = '';
    for (let i = 0; i < length; i++) out += int(16).toString(16);
    return out;
  };
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (items) => /** @type {any} */ (items[int(items.length)]),
    guid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[int(4)]}${hex(3)}-${hex(12)}`,
  };
}
