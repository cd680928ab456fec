import { describe, expect, it } from 'vitest';
import { chunksFromPieces } from '../../src/pipeline/chunks-from-pieces.js';
import { splitDocuments } from '../../src/yaml/index.js';

/** Chunks as plain data: what a reader of them can see. */
const plain = (chunks: { index: number; start: number; end: number; text: string; startLine: number }[]) => chunks.map((chunk) => ({ ...chunk }));

describe('chunksFromPieces', () => {
  const cases: [string, string[]][] = [
    ['unchanged and edited pieces', ['# c\n', '---\na: 1\n', '---\nb: 2\n']],
    ['a piece that gained a document', ['---\na: 1\n---\n# new\nc: 3\n', '---\nb: 2\n']],
    ['an emptied piece', ['---\na: 1\n', '', '---\nb: 2\n']],
    ['a piece that lost its marker', ['a: 1\n', 'b: 2\n', '---\nc: 3']],
    ['a BOM and CRLF', ['\uFEFFx: 1\r\n', '---\r\ny: 2\r\n']],
    ['an empty first piece before a BOM', ['', '\uFEFF---\nx: 1\n', '---\ny: 2\n']],
    ['a piece that does not end its line', ['a: 1', '\n---\nb: 2\n']],
    ['a directive after an end marker', ['a: 1\n...\n', '%YAML 1.2\n---\nb: 2\n']],
    ['a marker with no line break at the end', ['a: 1\n', '---']],
  ];
  it.each(cases)('gives exactly the split of the joined text: %s', (_, pieces) => {
    const text = pieces.join('');
    const { chunks, pieceOf } = chunksFromPieces(pieces, 'yaml');
    expect(plain(chunks)).toEqual(plain(splitDocuments(text)));
    chunks.forEach((chunk, index) => {
      const piece = pieceOf[index];
      if (piece !== undefined) expect(pieces[piece]).toBe(chunk.text);
    });
  });

  it('names the piece that is exactly a chunk', () => {
    const pieces = ['---\na: 1\n---\nc: 3\n', '---\nb: 2\n'];
    expect(chunksFromPieces(pieces, 'yaml').pieceOf).toEqual([undefined, undefined, 1]);
  });
});
