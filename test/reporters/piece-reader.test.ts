import { describe, expect, it } from 'vitest';
import { LineCounter } from '../../src/reporters/line-counter.js';
import { PieceReader } from '../../src/reporters/piece-reader.js';
import { seeded } from '../helpers/seeded.js';

describe('PieceReader', () => {
  it('reads the joined text at any offsets, in any order, empty pieces included', () => {
    const next = seeded(3);
    for (let round = 0; round < 300; round++) {
      const pieces = Array.from({ length: 1 + Math.floor(next() * 6) }, () => 'abcdefg\n'.slice(0, Math.floor(next() * 9)));
      const text = pieces.join('');
      const reader = new PieceReader(pieces);
      for (let read = 0; read < 20; read++) {
        const from = Math.floor(next() * (text.length + 1));
        const to = from + Math.floor(next() * (text.length - from + 1));
        expect(reader.slice(from, to), JSON.stringify({ pieces, from, to })).toBe(text.slice(from, to));
        if (from < text.length) expect(reader.charCodeAt(from)).toBe(text.charCodeAt(from));
      }
    }
  });
});

describe('LineCounter', () => {
  it('counts the line breaks before an offset, asked in any order', () => {
    const text = 'a\nbb\n\nccc\nd';
    const counter = new LineCounter(text);
    const expected = (offset: number) => text.slice(0, offset).split('\n').length - 1;
    for (const offset of [0, 1, 2, 5, 6, 11, 3, 0, 10, 7]) expect(counter.lineOf(offset), String(offset)).toBe(expected(offset));
  });
});
