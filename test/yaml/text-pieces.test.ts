import { describe, expect, it } from 'vitest';
import { joinPieces, sliceOfPieces } from '../../src/yaml/text-pieces.js';
import { seeded } from '../helpers/seeded.js';

describe('sliceOfPieces', () => {
  it('cuts what slicing the joined text cuts, empty pieces and every boundary included', () => {
    const random = seeded(5);
    for (let round = 0; round < 300; round++) {
      const pieces = Array.from({ length: 1 + Math.floor(random() * 6) }, () => 'abcdefgh\n'.slice(0, Math.floor(random() * 4) * 3));
      const text = joinPieces(pieces);
      // Many cuts of one list: its piece offsets are worked out once and reused.
      for (let start = 0; start <= text.length; start++) {
        for (let end = start; end <= text.length; end++) expect(sliceOfPieces(pieces, start, end)).toBe(text.slice(start, end));
      }
    }
  });

  it('gives the text of a piece that is exactly the cut, and of a single piece', () => {
    const pieces = ['---\na: 1\n', '', '---\nb: 2\n'];
    expect(sliceOfPieces(pieces, 9, 18)).toBe(pieces[2]);
    expect(sliceOfPieces(['only\n'], 0, 5)).toBe('only\n');
  });
});
