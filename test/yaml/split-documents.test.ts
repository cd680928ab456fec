import { describe, expect, it } from 'vitest';
import { splitDocuments } from '../../src/yaml/index.js';
import { splitDocumentPieces, splitLineByLine } from '../../src/yaml/split-documents.js';

function texts(input: string): string[] {
  return splitDocuments(input).map((chunk) => chunk.text);
}

describe('splitDocuments', () => {
  const cases: [string, string, string[]][] = [
    ['empty text', '', ['']],
    ['one document without a marker', 'a: 1\n', ['a: 1\n']],
    ['a marker first', '---\na: 1\n', ['---\na: 1\n']],
    ['comments before the first marker', '# header\n\n---\na: 1\n', ['# header\n\n', '---\na: 1\n']],
    ['a document before the first marker', 'a: 1\n---\nb: 2\n', ['a: 1\n', '---\nb: 2\n']],
    ['marker with content or comment on its line', '--- |\n  text\n---   # c\nb: 2\n--- {a: 1}\n', ['--- |\n  text\n', '---   # c\nb: 2\n', '--- {a: 1}\n']],
    ['a marker at the end without a line break', 'a: 1\n---', ['a: 1\n', '---']],
    ['indented --- inside a block scalar is content', 'a: |\n  x\n  ---\n  y\n---\nb: 1\n', ['a: |\n  x\n  ---\n  y\n', '---\nb: 1\n']],
    ['--- followed by text is not a marker', 'a: 1\n---x: 1\n----\n', ['a: 1\n---x: 1\n----\n']],
    ['end markers stay in the chunk', 'a: 1\n...\n---\nb: 2\n...\n', ['a: 1\n...\n', '---\nb: 2\n...\n']],
    ['CRLF', 'a: 1\r\n---\r\nb: 2\r\n', ['a: 1\r\n', '---\r\nb: 2\r\n']],
    ['a BOM before the first marker', '\uFEFF---\na: 1\n---\nb: 2\n', ['\uFEFF---\na: 1\n', '---\nb: 2\n']],
    ['a BOM and comments', '\uFEFF# c\n---\na: 1\n', ['\uFEFF# c\n', '---\na: 1\n']],
    ['directives belong to the next document', '%YAML 1.2\n---\na: 1\n...\n%YAML 1.2\n# c\n---\nb: 2\n', ['%YAML 1.2\n---\na: 1\n...\n', '%YAML 1.2\n# c\n---\nb: 2\n']],
    ['a tab after the marker', '---\tx\n', ['---\tx\n']],
    ['empty documents', '---\n---\n---\n', ['---\n', '---\n', '---\n']],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => {
      expect(texts(input)).toEqual(expected);
      expect(texts(input).join('')).toBe(input);
    });
  }

  it('numbers chunks and records their offsets and first lines', () => {
    const input = '# c\n---\na: 1\nb: 2\n---\nc: 3\n';
    expect(splitDocuments(input)).toEqual([
      { index: 0, start: 0, end: 4, text: '# c\n', startLine: 0 },
      { index: 1, start: 4, end: 18, text: '---\na: 1\nb: 2\n', startLine: 1 },
      { index: 2, start: 18, end: 27, text: '---\nc: 3\n', startLine: 4 },
    ]);
  });

  it('keeps chunks contiguous on random streams', () => {
    const lines = ['---', '--- |', '  ---', 'a: 1', '# c', '', '...', '---x', '- b', '\r', '%YAML 1.2'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let round = 0; round < 300; round++) {
      const input = Array.from({ length: next() % 12 }, () => lines[next() % lines.length]).join(next() % 2 ? '\n' : '\r\n');
      const chunks = splitDocuments(input);
      expect(chunks.map((chunk) => chunk.text).join('')).toBe(input);
      chunks.forEach((chunk, index) => {
        expect(chunk.index).toBe(index);
        expect(input.slice(chunk.start, chunk.end)).toBe(chunk.text);
        expect(chunk.startLine).toBe(input.slice(0, chunk.start).split('\n').length - 1);
      });
    }
  });

  it('cuts a text without directives at its markers exactly as the line-by-line split does', () => {
    // splitDocuments searches for `---` lines when no line starts with `%`; the general split reads
    // every line. Both must agree on every stream, directives or not.
    const lines = ['---', '--- |', '  ---', 'a: 1', '# c', '', '...', '---x', '---\t', '- b', '\r', 'k: v\r', '\uFEFF---', '%YAML 1.2', '-- -'];
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let round = 0; round < 2000; round++) {
      const input = (next() % 5 === 0 ? '\uFEFF' : '') + Array.from({ length: next() % 14 }, () => lines[next() % lines.length]).join(next() % 2 ? '\n' : '\r\n');
      const chunks = splitDocuments(input);
      expect(chunks).toEqual(splitLineByLine([input]));
      // Cut into pieces at line starts (as edited files are), the pieces split the same way.
      const cuts = [0, ...input.split('\n').slice(0, -1).map((_, index, lines) => lines.slice(0, index + 1).join('\n').length + 1).filter(() => next() % 3 === 0), input.length];
      const pieces = cuts.slice(1).map((cut, index) => input.slice(cuts[index], cut));
      expect(splitDocumentPieces(pieces)).toEqual(chunks);
    }
  });

  it('takes the word of the caller on pieces that are whole earlier chunks, and gives the same split', () => {
    // The second pass: the pieces of an edited file are its old chunks, some replaced by new texts.
    const lines = ['---', 'a: 1', '# c', '', '...', '---x', '- b', 'k: v\r', '--- # d'];
    const edits = ['', '---\nnew: 1\n', 'x: 2\n---\ny: 3\n', '\uFEFF---\nz: 4\n', '---\n', 'w: 5\n'];
    let seed = 5;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let round = 0; round < 2000; round++) {
      const input = Array.from({ length: 1 + (next() % 14) }, () => lines[next() % lines.length]).join('\n') + '\n';
      const earlier = splitDocuments(input);
      const edited = new Set(earlier.filter(() => next() % 3 === 0).map((chunk) => chunk.index));
      const pieces = earlier.map((chunk) => (edited.has(chunk.index) ? edits[next() % edits.length]! : chunk.text));
      const wholeDocument = (index: number) => (edited.has(index) || index + 1 >= earlier.length ? undefined : earlier[index + 1]!.startLine - earlier[index]!.startLine);
      expect(splitDocumentPieces(pieces, wholeDocument)).toEqual(splitDocumentPieces(pieces));
    }
  });

  it('splits 20,000 documents', () => {
    const doc = '---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: {a: b}\ndata:\n  k: |\n    ---\n    v\n';
    const chunks = splitDocuments(doc.repeat(20_000));
    expect(chunks).toHaveLength(20_000);
    expect(chunks[19_999]).toMatchObject({ start: 19_999 * doc.length, startLine: 19_999 * 10, text: doc });
  });
});
