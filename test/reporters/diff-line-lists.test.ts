import { diffArrays } from 'diff/lib/diff/array.js';
import { describe, expect, it } from 'vitest';
import { diffLineLists } from '../../src/reporters/diff-line-lists.js';
import { seeded } from '../helpers/seeded.js';

const jsdiff = (a: string[], b: string[]) => diffArrays(a, b).map(({ value, added, removed }) => ({ value, added, removed }));
// Few distinct lines, so that equal lines and ties between equally short paths are common.
const listOf = (next: () => number, length: number, alphabet: number) => Array.from({ length }, () => `l${Math.floor(next() * alphabet)}`);

describe('diffLineLists', () => {
  it('answers what jsdiff answers, part for part, on lists that add and remove', () => {
    const next = seeded(5);
    for (let round = 0; round < 20_000; round++) {
      const alphabet = 1 + Math.floor(next() * 5);
      const a = listOf(next, Math.floor(next() * 14), alphabet);
      const b = listOf(next, Math.floor(next() * 14), alphabet);
      expect(diffLineLists(a, b), JSON.stringify({ a, b })).toEqual(jsdiff(a, b));
    }
  });

  it('answers what jsdiff answers when one list only adds lines to the other, or only removes some', () => {
    const next = seeded(9);
    for (let round = 0; round < 20_000; round++) {
      const long = listOf(next, Math.floor(next() * 18), 1 + Math.floor(next() * 4));
      const keep = next();
      const short = long.filter(() => next() < keep);
      const [a, b] = next() < 0.5 ? [short, long] : [long, short];
      expect(diffLineLists(a, b), JSON.stringify({ a, b })).toEqual(jsdiff(a, b));
    }
  });

  it('gives the parts of a plain edit', () => {
    expect(diffLineLists(['a', 'b', 'c'], ['a', 'x', 'b', 'c', 'y'])).toEqual([
      { value: ['a'], added: false, removed: false },
      { value: ['x'], added: true, removed: false },
      { value: ['b', 'c'], added: false, removed: false },
      { value: ['y'], added: true, removed: false },
    ]);
    expect(diffLineLists(['a', 'b'], ['b', 'c'])).toEqual([
      { value: ['a'], added: false, removed: true },
      { value: ['b'], added: false, removed: false },
      { value: ['c'], added: true, removed: false },
    ]);
  });
});
