import { describe, expect, it } from 'vitest';
import { parseChunk, splitDocuments, toPlainValue, type ParsedChunk } from '../../src/yaml/index.js';

function parseAll(text: string): ParsedChunk[] {
  return splitDocuments(text).map(parseChunk);
}

const BOMB = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
  'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
  'i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
].join('\n');

describe('parseChunk', () => {
  it('reports errors with 1-based positions absolute in the file', () => {
    const [, second] = parseAll('a: 1\n---\nmetadata:\n  name: b\n   bad: x\n');
    expect(second?.errors[0]).toMatchObject({ line: 4, col: 9 });
    expect(second?.errors[0]?.message).not.toContain('\n');
  });

  it('locates keys, list items and the nearest existing ancestor', () => {
    const text = '# header\n---\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: a\n    - name: b\n      image: x\n';
    const doc = parseAll(text)[1]!;
    expect(doc.locate([])).toEqual({ line: 3, col: 1 });
    expect(doc.locate(['metadata', 'name'])).toEqual({ line: 4, col: 3 });
    expect(doc.locate(['spec', 'containers', 1])).toEqual({ line: 8, col: 7 });
    expect(doc.locate(['spec', 'containers', 1, 'image'])).toEqual({ line: 9, col: 7 });
    expect(doc.locate(['spec', 'containers', 5, 'image'])).toEqual({ line: 6, col: 3 });
    expect(doc.locate(['metadata', 'labels', 'x'])).toEqual({ line: 3, col: 1 });
  });

  it('does not count a BOM as a column', () => {
    const [doc] = parseAll('\uFEFFmetadata:\n  name: web\n');
    expect(doc?.locate(['metadata'])).toEqual({ line: 1, col: 1 });
    expect(doc?.locate(['metadata', 'name'])).toEqual({ line: 2, col: 3 });
  });

  it('counts CRLF lines once', () => {
    const [, doc] = parseAll('a: 1\r\n---\r\nb:\r\n  c: 2\r\n');
    expect(doc?.locate(['b', 'c'])).toEqual({ line: 4, col: 3 });
  });

  it('marks chunks with only comments or markers as empty', () => {
    const chunks = parseAll('# only a comment\n---\n# another\n---\na: 1\n---\n');
    expect(chunks.map((chunk) => chunk.isEmpty)).toEqual([true, true, false, true]);
  });

  it('keeps source tokens for format-preserving work', () => {
    const [doc] = parseAll('a: "x"\n');
    expect(doc?.doc.contents?.srcToken).toBeDefined();
  });

  it('reports duplicate keys as errors, as Kubernetes does', () => {
    const [doc] = parseAll('a: 1\na: 2\n');
    expect(doc?.errors).toHaveLength(1);
  });
});

describe('toPlainValue', () => {
  it('gives the plain value of a document', () => {
    const [doc] = parseAll('a: [1, "2", true, null]\nb: {c: d}\n');
    expect(toPlainValue(doc!)).toEqual({ ok: true, value: { a: [1, '2', true, null], b: { c: 'd' } } });
  });

  it('expands a few aliases', () => {
    const [doc] = parseAll('a: &x {b: 1}\nc: *x\n');
    expect(toPlainValue(doc!)).toEqual({ ok: true, value: { a: { b: 1 }, c: { b: 1 } } });
  });

  it('turns an alias bomb into a problem instead of a hang', () => {
    const [, doc] = parseAll(`x: 1\n---\n${BOMB}\n`);
    const started = performance.now();
    const result = toPlainValue(doc!);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem.message).toContain('too many aliases');
      expect(result.problem).toMatchObject({ line: 3, col: 1 });
    }
  });

  it('turns a parse error into a problem', () => {
    const [doc] = parseAll('a: [1, 2\n');
    const result = toPlainValue(doc!);
    expect(result.ok).toBe(false);
  });
});
