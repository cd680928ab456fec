/**
 * readBlockYaml must give exactly js-yaml's value (core schema, key order included) or decline
 * (null); where js-yaml throws, it must decline. Checked on every YAML document of the samples,
 * the test fixtures and goldens, a generated bench corpus and the real-world corpus when present,
 * on a table of tricky cases, and on seeded mutants of the samples.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import jsyaml from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { readBlockYaml } from '../../src/yaml/read-block-yaml.js';
import { splitDocuments } from '../../src/yaml/split-documents.js';
import { yamlFiles } from '../helpers/yaml-files.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

type Reference = { value: unknown } | { error: string };

function jsYaml(text: string): Reference {
  try {
    return { value: jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA }) };
  } catch (error) {
    return { error: String(error) };
  }
}

/** isDeepStrictEqual, and the same key order in every map. */
function sameValue(actual: unknown, expected: unknown): boolean {
  if (!isDeepStrictEqual(actual, expected)) return false;
  if (Array.isArray(actual) && Array.isArray(expected)) return actual.every((item, index) => sameValue(item, expected[index]));
  if (typeof actual === 'object' && actual !== null && typeof expected === 'object' && expected !== null) {
    const keys = Object.keys(actual);
    if (!isDeepStrictEqual(keys, Object.keys(expected))) return false;
    return keys.every((key) => sameValue((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key]));
  }
  return true;
}

/** What is wrong with readBlockYaml's answer on `text`, or null when it is right. */
function disagreement(text: string): string | null {
  const fast = readBlockYaml(text);
  const reference = jsYaml(text);
  if ('error' in reference) return fast === null ? null : `js-yaml throws (${reference.error}) but the reader answered ${JSON.stringify(fast.value)}`;
  if (fast === null) return null;
  return sameValue(fast.value, reference.value) ? null : `reader ${JSON.stringify(fast.value)} but js-yaml ${JSON.stringify(reference.value)}`;
}

/** Each document of each file, in LF and CRLF. */
function documentsOf(files: Iterable<string>): string[] {
  const documents: string[] = [];
  for (const file of files) {
    const lf = readFileSync(file, 'utf8');
    for (const text of [lf, lf.replaceAll('\n', '\r\n')]) for (const chunk of splitDocuments(text)) documents.push(chunk.text);
  }
  return documents;
}

/** Answers and disagreements over a set of documents. */
function check(documents: readonly string[]): { answered: number; problems: string[] } {
  let answered = 0;
  const problems: string[] = [];
  for (const text of documents) {
    if (readBlockYaml(text) !== null) answered++;
    const problem = disagreement(text);
    if (problem !== null) problems.push(`${problem}\n--- in ---\n${text}`);
  }
  return { answered, problems };
}

const SAMPLES = documentsOf([...yamlFiles(path.join(ROOT, 'samples')), ...yamlFiles(path.join(ROOT, 'test'))]);

describe('readBlockYaml agrees with js-yaml', () => {
  it('on every document of the samples, fixtures and goldens', () => {
    const { answered, problems } = check(SAMPLES);
    expect(problems.slice(0, 3)).toEqual([]);
    // Most of them are plain block YAML: the comparison above is not vacuous.
    expect(answered).toBeGreaterThan(SAMPLES.length / 2);
  });

  const corpus = path.resolve(ROOT, '../shared/corpus');
  it.skipIf(!existsSync(corpus))('on every document of the real-world corpus (../shared/corpus)', () => {
    const { problems } = check(documentsOf(yamlFiles(corpus)));
    expect(problems.slice(0, 3)).toEqual([]);
  });
  if (!existsSync(corpus)) console.log('read-block-yaml: ../shared/corpus is absent; its documents are not checked');

  const scratch = mkdtempSync(path.join(tmpdir(), 'wimigrate-read-block-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  it('on a generated bench corpus, answering for at least 95% of its documents', async () => {
    const generator = pathToFileURL(path.join(ROOT, 'bench/generate-corpus.mjs')).href;
    const { generateCorpus } = (await import(generator)) as { generateCorpus: (options: { docs: number; out: string; seed: number }) => unknown };
    const out = path.join(scratch, 'corpus');
    generateCorpus({ docs: 3000, out, seed: 5 });
    const documents = documentsOf(yamlFiles(out));
    const { answered, problems } = check(documents);
    expect(problems.slice(0, 3)).toEqual([]);
    expect(documents.length).toBeGreaterThan(3000);
    expect(answered / documents.length).toBeGreaterThanOrEqual(0.95);
  });
});

/** The reader declines: js-yaml throws, or the text uses what the reader leaves to js-yaml. */
const DECLINES = Symbol('declines');

/** [text, what the reader gives]; every answer is also checked against js-yaml. */
const CASES: readonly (readonly [string, unknown])[] = [
  // Scalars: numbers, null and booleans as js-yaml's core schema resolves them.
  ['a: 8080\nb: 123456789012345\nc: 1234567890123456789\nd: 0\ne: 00\nf: 12a', { a: 8080, b: 123456789012345, c: 1234567890123456789, d: 0, e: 0, f: '12a' }],
  ['a: 010', { a: 10 }],
  ['a: 0o10', { a: 8 }],
  ['a: 0x1F', { a: 31 }],
  ['a: 0b11', { a: 3 }],
  ['a: 0x_1', { a: '0x_1' }],
  ['a: 1_000', { a: '1_000' }],
  ['a: -0', { a: 0 }],
  ['a: +1', { a: 1 }],
  ['a: .5', { a: 0.5 }],
  ['a: 1.', { a: 1 }],
  ['a: 1e3', { a: 1000 }],
  ['a: 1e400', { a: '1e400' }],
  ['a: +.inf', { a: Number.POSITIVE_INFINITY }],
  ['a: -.Inf', { a: Number.NEGATIVE_INFINITY }],
  ['a: .NaN', { a: Number.NaN }],
  ['a: -.NaN', { a: '-.NaN' }],
  ['a: 12345678901234567890123', { a: 12345678901234567890123 }],
  ['a: null\nb: Null\nc: NULL\nd: ~\ne: nULL', { a: null, b: null, c: null, d: null, e: 'nULL' }],
  ['a: true\nb: True\nc: TRUE\nd: tRUE\ne: False', { a: true, b: true, c: true, d: 'tRUE', e: false }],
  ['a: yes\nb: no\nc: on', { a: 'yes', b: 'no', c: 'on' }],
  ['a: nul\nb: nulls\nc: trues\nd: fals\ne: nginx', { a: 'nul', b: 'nulls', c: 'trues', d: 'fals', e: 'nginx' }],
  ['a: 2024-01-01\nb: 1.2.3\nc: 10m', { a: '2024-01-01', b: '1.2.3', c: '10m' }],
  // Plain scalars: `#` starts a comment only after a space, `:` ends a key only before one.
  ['a: a#b', { a: 'a#b' }],
  ['a: a #b', { a: 'a' }],
  ['a: b:c', { a: 'b:c' }],
  ['a: http://x:80/y', { a: 'http://x:80/y' }],
  ['a: b  \nc: d   # e', { a: 'b', c: 'd' }],
  ['a: -x\nb: -1', { a: '-x', b: -1 }],
  ['a: b c  d', { a: 'b c  d' }],
  ['- a:b', ['a:b']],
  ['- a #b: c', ['a']],
  ['a:b', DECLINES],
  ['a: b: c', DECLINES],
  ['a: b:', DECLINES],
  ['a: - b', DECLINES],
  ['a: -', DECLINES],
  // Quoted scalars and keys.
  ["a: 'it''s'", { a: "it's" }],
  ['a: "\\u00e9\\n\\"x\\" \\x41\\t\\\\ \\/"', { a: 'é\n"x" A\t\\ /' }],
  ['a: "\\U0001F600"', { a: '\u{1F600}' }],
  ['a: "\\q"', DECLINES],
  ['a: "x"#c', DECLINES],
  ['a: "x" # c', { a: 'x' }],
  ['a: "b" c', DECLINES],
  ['"a: b": c\n\'d #e\': f', { 'a: b': 'c', 'd #e': 'f' }],
  ['"a" : b', { a: 'b' }],
  ['a: ""\nb: \'\'', { a: '', b: '' }],
  ['a: "multi\n  line"', DECLINES],
  ["a: 'multi\n  line'", DECLINES],
  // Keys are resolved like scalars, then made strings.
  ['1.0: a\n0x10: b\n~: c\ntrue: d', { '1': 'a', '16': 'b', null: 'c', true: 'd' }],
  ['a: 1\na: 2', DECLINES],
  ['a: 1\n"a": 2', DECLINES],
  ['1: a\n01: b', DECLINES],
  ['1: a\n"01": b', { '1': 'a', '01': 'b' }],
  ['__proto__: a', DECLINES],
  ['<<: {a: 1}', DECLINES],
  ['? a\n: b', DECLINES],
  // Collections.
  ['a:\n- x\n- y\nb: z', { a: ['x', 'y'], b: 'z' }],
  ['a:\n  - x\n  -\n  - - y\n    - z', { a: ['x', null, ['y', 'z']] }],
  ['- name: a\n  image: b\n-   c: d\n    e:\n      f: g', [{ name: 'a', image: 'b' }, { c: 'd', e: { f: 'g' } }]],
  ['- a:\n  - x\n- b', [{ a: ['x'] }, 'b']],
  ['- a:\n- x', [{ a: null }, 'x']],
  ['- - \n- b', DECLINES],
  ['- a:\n  -\n- b', DECLINES],
  ['-\n  a: 1\n- # c\n- b', [{ a: 1 }, null, 'b']],
  ['a:\nb:  # c\nc: d', { a: null, b: null, c: 'd' }],
  ['a: []\nb: {}\nc: [ ]\nd: { }', { a: [], b: {}, c: [], d: {} }],
  ['a: [1, "b", c d, \'e\']', { a: [1, 'b', 'c d', 'e'] }],
  ['a: {x: 1, y: "2", 3: z}', { a: { x: 1, y: '2', '3': 'z' } }],
  ['a: [b, [c]]', DECLINES],
  ['a: [b, ]', DECLINES],
  ['a: [b,\n  c]', DECLINES],
  ['a: {x: 1, x: 2}', DECLINES],
  ['a: {x: {y: 1}}', DECLINES],
  ['a: [b] c', DECLINES],
  // Indentation.
  ['a:\n  b: 1\n c: 2', DECLINES],
  ['a:\n    b: 1\n  c: 2', DECLINES],
  ['a: b\n  c', DECLINES],
  ['a: "b"\n  c: d', DECLINES],
  ['- a\n - b', DECLINES],
  ['- a: 1\n  - b', DECLINES],
  ['a: 1\n- b', DECLINES],
  ['  a: 1\n  b: 2', { a: 1, b: 2 }],
  ['  a: 1\nb: 2', DECLINES],
  ['a:\n\tb: 1', DECLINES],
  ['a: b\tc', DECLINES],
  // Block scalars: literal ones are read, folded ones left to js-yaml.
  ['a: |\n  x\n\n  y\n\n', { a: 'x\n\ny\n' }],
  ['a: |-\n  x\n', { a: 'x' }],
  ['a: |+\n  x\n\n', { a: 'x\n\n' }],
  ['a: |\n    x\n   y', DECLINES],
  ['a: |\n\n   \n  x\n', DECLINES],
  ['a: | # c\n  x\n  # not a comment\nb: 1', { a: 'x\n# not a comment\n', b: 1 }],
  ['- |\n  x\n   y\n- z', ['x\n y\n', 'z']],
  ['a: |\nb: 1', { a: '', b: 1 }],
  ['a: |2\n   x', DECLINES],
  ['a: |x', DECLINES],
  ['a: >\n  x\n  y', DECLINES],
  // Documents: markers, comments, empty ones, line ends and a BOM.
  ['---\na: 1', { a: 1 }],
  ['--- # c\na: 1', { a: 1 }],
  ['# c\n---\n\n# d\na: 1\n# e\n', { a: 1 }],
  ['--- a: 1', DECLINES],
  ['---a: 1', DECLINES],
  ['---#c\na: 1', DECLINES],
  ['a:\n---b: 1', DECLINES],
  ['a: 1\n---\nb: 2', DECLINES],
  ['a: 1\n...\n', DECLINES],
  ['%YAML 1.2\n---\na: 1', DECLINES],
  ['', undefined],
  [' \n', undefined],
  ['# only a comment', null],
  ['---\n# c\n', null],
  ['\n\n', null],
  ['a: 1\r\nb:\r\n  - x\r\n', { a: 1, b: ['x'] }],
  ['a: |\r\n  x\r\n  y\r\n', { a: 'x\ny\n' }],
  ['a: 1\rb: 2', DECLINES],
  ['\uFEFFa: 1', { a: 1 }],
  ['a: b\u0085c', DECLINES],
  ['a: &x 1\nb: *x', DECLINES],
  ['a: !!str 1', DECLINES],
  ['a: b\n*c: d', DECLINES],
  ['plain scalar', DECLINES],
];

describe('readBlockYaml on tricky cases', () => {
  for (const [text, expected] of CASES) {
    it(JSON.stringify(text), () => {
      const fast = readBlockYaml(text);
      if (expected === DECLINES) expect(fast).toBeNull();
      else {
        expect(fast).not.toBeNull();
        expect(sameValue(fast?.value, expected), JSON.stringify(fast?.value)).toBe(true);
      }
      expect(disagreement(text)).toBeNull();
    });
  }
});

/** The bench corpus's seeded generator (mulberry32), so that a failing mutant can be found again. */
const { createRng } = (await import(pathToFileURL(path.join(ROOT, 'bench/corpus/prng.mjs')).href)) as {
  createRng: (seed: number) => { next: () => number };
};

const INSERTIONS = [' ', '  ', ':', ': ', '-', '- ', '#', ' #', '"', "'", '\n', 'a', '|', '|-', '>', '[', ']', '{', '}', ',', '0', '.', '\t', '!', '&', '*', '\\', '\r', '---\n', '?', '%', '~', 'x: y', '\\u00e9'];

/** `text` with one to three random edits: a character dropped or inserted, a line re-indented, doubled or dropped. */
function mutate(text: string, next: () => number): string {
  let result = text;
  const edits = 1 + Math.floor(next() * 3);
  for (let edit = 0; edit < edits; edit++) {
    const at = Math.floor(next() * (result.length + 1));
    const kind = next();
    if (kind < 0.3) result = result.slice(0, at) + result.slice(at + 1);
    else if (kind < 0.7) result = result.slice(0, at) + INSERTIONS[Math.floor(next() * INSERTIONS.length)] + result.slice(at);
    else {
      const lines = result.split('\n');
      const line = Math.floor(next() * lines.length);
      const choice = next();
      if (choice < 0.4) lines[line] = ' '.repeat(1 + Math.floor(next() * 3)) + (lines[line] ?? '');
      else if (choice < 0.7) lines[line] = (lines[line] ?? '').replace(/^ {1,2}/, '');
      else if (choice < 0.85) lines.splice(line, 0, lines[line] ?? '');
      else lines.splice(line, 1);
      result = lines.join('\n');
    }
  }
  return result;
}

describe('readBlockYaml on mutants of the sample documents', () => {
  it('declines or agrees with js-yaml on each of 6,000 seeded mutants', () => {
    const { next } = createRng(20261123);
    const originals = SAMPLES.filter((text) => readBlockYaml(text) !== null && text.length < 4000);
    expect(originals.length).toBeGreaterThan(50);
    let answered = 0;
    const problems: string[] = [];
    for (let round = 0; round < 6000; round++) {
      const original = originals[Math.floor(next() * originals.length)] ?? '';
      const mutant = mutate(original, next);
      const problem = disagreement(mutant);
      if (problem !== null) problems.push(`${problem}\n--- in ---\n${JSON.stringify(mutant)}`);
      if (readBlockYaml(mutant) !== null) answered++;
    }
    expect(problems.slice(0, 3)).toEqual([]);
    // Many mutants are still plain block YAML: the comparison is not vacuous.
    expect(answered).toBeGreaterThan(1000);
  });
});

const SCALARS = ['a', 'b c', '1', '0x1F', '-1', '.5', '1e3', 'true', 'False', 'null', '~', '"q"', "'s'", '"a: b"', "'it''s'", '[]', '{}', '[a, 1]', '{x: 1, y: "z"}', 'a#b', 'a #c', '"\\n\\u00e9"', '""', '010', '-0', '+.inf', '.NaN', 'http://x:1', '-x', '', '# c'];
const KEYS = ['a', 'b', 'c', '1', '"q"', "'s'", 'true', '~', 'x y', '-k', '01'];

/** Lines of a random block document: maps, lists, literal block scalars, at random indentations. */
function generate(next: () => number, indent: number, depth: number, out: string[]): void {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const pad = (width: number): string => ' '.repeat(Math.max(0, width));
  const kind = depth > 3 ? 2 : Math.floor(next() * 3);
  const entries = 1 + Math.floor(next() * 3);
  for (let entry = 0; entry < (kind === 2 ? 1 : entries); entry++) {
    const choice = next();
    if (kind === 1) {
      if (choice < 0.4) out.push(`${pad(indent)}- ${pick(SCALARS)}`);
      else if (choice < 0.7) {
        const nested: string[] = [];
        generate(next, indent + 2, depth + 1, nested);
        nested[0] = `${pad(indent)}- ${(nested[0] ?? '').slice(indent + 2)}`;
        out.push(...nested);
      } else {
        out.push(`${pad(indent)}-`);
        generate(next, indent + pick([0, 1, 2, 2]), depth + 1, out);
      }
    } else if (kind === 2 || choice < 0.5) out.push(`${pad(indent)}${pick(KEYS)}: ${pick(SCALARS)}`);
    else if (choice < 0.6) {
      out.push(`${pad(indent)}${pick(KEYS)}: ${pick(['|', '|-', '|+', '| # c'])}`);
      const inner = indent + pick([1, 2, 2, 4]);
      for (let line = Math.floor(next() * 4); line > 0; line--) out.push(pick(['', `${pad(inner)}${pick(['x', '# y', ' z', ''])}`, `${pad(inner + pick([-1, 1, 3]))}w`]));
    } else {
      out.push(`${pad(indent)}${pick(KEYS)}:${pick(['', ' # c', ' '])}`);
      generate(next, indent + pick([0, 1, 2, 2, 4]), depth + 1, out);
    }
  }
}

describe('readBlockYaml on generated documents', () => {
  it('declines or agrees with js-yaml on each of 5,000 seeded documents', () => {
    const { next } = createRng(7);
    let answered = 0;
    const problems: string[] = [];
    for (let round = 0; round < 5000; round++) {
      const lines: string[] = next() < 0.2 ? [['---', '--- # x', '# c', ''][Math.floor(next() * 4)] ?? ''] : [];
      generate(next, next() < 0.25 ? 2 : 0, 0, lines);
      const text = lines.join(next() < 0.3 ? '\r\n' : '\n') + (next() < 0.8 ? '\n' : '');
      const problem = disagreement(text);
      if (problem !== null) problems.push(`${problem}\n--- in ---\n${JSON.stringify(text)}`);
      if (readBlockYaml(text) !== null) answered++;
    }
    expect(problems.slice(0, 3)).toEqual([]);
    expect(answered).toBeGreaterThan(2500);
  });
});
