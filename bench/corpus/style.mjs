// Small spelling choices shared by the document builders. Real repositories mix quoting styles
// and comment habits; a format-preserving tool has to keep all of them, so the corpus mixes them.

/** @typedef {import('./prng.mjs').Rng} Rng */

/**
 * A scalar written plain most of the time, sometimes double- or single-quoted.
 * @param {Rng} rng
 * @param {string} value must be safe as a plain scalar too
 */
export function quoted(rng, value) {
  const roll = rng.next();
  if (roll < 0.7) return value;
  if (roll < 0.9) return `"${value}"`;
  return `'${value}'`;
}

/**
 * An inline comment (with its leading spaces) or nothing.
 * @param {Rng} rng
 * @param {number} p probability of a comment
 * @param {readonly string[]} texts
 */
export function inlineComment(rng, p, texts) {
  return rng.chance(p) ? `  # ${rng.pick(texts)}` : '';
}

/**
 * A blank line between sections, as people leave them, or nothing.
 * @param {Rng} rng
 * @param {number} p
 */
export function blankLine(rng, p) {
  return rng.chance(p) ? '\n' : '';
}

/**
 * Indents every line of a block by `spaces` (empty lines stay empty).
 * @param {string} block
 * @param {number} spaces
 */
export function indent(block, spaces) {
  const pad = ' '.repeat(spaces);
  return block
    .split('\n')
    .map((line) => (line === '' ? line : pad + line))
    .join('\n');
}
