/**
 * The fast locator must agree with the yaml library wherever it answers: checked on every key
 * path of every document in samples/, the golden inputs and (when present) the real-world corpus.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMap, isSeq, parseDocument, type Node } from 'yaml';
import type { PathSegment } from '../../src/model/document.js';
import { locateInBlock } from '../../src/yaml/block-outline.js';
import { splitDocuments } from '../../src/yaml/split-documents.js';
import { ROOT } from '../helpers/cli.js';

function* files(folder: string): Generator<string> {
  if (!existsSync(folder)) return;
  for (const entry of readdirSync(folder).sort()) {
    const full = path.join(folder, entry);
    if (statSync(full).isDirectory()) yield* files(full);
    else if (/\.ya?ml$/.test(entry)) yield full;
  }
}

/** Every path to a map key or list item, with the offset the yaml library gives it. */
function* nodePaths(node: unknown, prefix: PathSegment[]): Generator<[PathSegment[], number]> {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = (pair.key as { value?: unknown } | null)?.value;
      if (typeof key !== 'string' && typeof key !== 'number') continue;
      const at = [...prefix, String(key)];
      yield [at, (pair.key as Node).range?.[0] ?? -1];
      yield* nodePaths(pair.value, at);
    }
  } else if (isSeq(node)) {
    for (const [index, item] of node.items.entries()) {
      const at = [...prefix, index];
      yield [at, (item as Node | null)?.range?.[0] ?? -1];
      yield* nodePaths(item, at);
    }
  }
}

const FOLDERS = [path.join(ROOT, 'samples'), path.join(ROOT, 'test/transformers/golden'), path.resolve(ROOT, '../shared/corpus')];

describe('locateInBlock agrees with the yaml library', () => {
  it('on every key path it answers for', () => {
    let answered = 0;
    let total = 0;
    for (const folder of FOLDERS) {
      for (const file of files(folder)) {
        for (const chunk of splitDocuments(readFileSync(file, 'utf8'))) {
          const doc = parseDocument(chunk.text);
          if (doc.errors.length > 0 || chunk.text.includes('{{')) continue;
          for (const [nodePath, offset] of nodePaths(doc.contents, [])) {
            total++;
            const located = locateInBlock(chunk.text, nodePath);
            if (located === null) continue;
            answered++;
            expect({ file, nodePath, located }).toEqual({ file, nodePath, located: { found: true, offset } });
            // A missing child hangs where the yaml library says, or the scanner gives up.
            const missing = locateInBlock(chunk.text, [...nodePath, 'no-such-key']);
            if (missing && !missing.found) expect({ file, nodePath, missing }).toEqual({ file, nodePath, missing: { found: false, nearest: offset } });
          }
        }
      }
    }
    // It must answer for the plain block layout that most manifests use.
    console.log(`block outline answered ${answered} of ${total} paths`);
    expect(answered / total).toBeGreaterThan(0.6);
  });

  it('says where a missing path would hang, or gives up', () => {
    const text = 'metadata:\n  name: x\nspec:\n  template:\n    spec:\n      containers: []\n';
    expect(locateInBlock(text, ['spec', 'template', 'metadata', 'labels'])).toEqual({ found: false, nearest: text.indexOf('template') });
    expect(locateInBlock('a: {b: 1}\n', ['a', 'b'])).toBeNull();
    expect(locateInBlock('a: &x\n  b: 1\n', ['a', 'b'])).toBeNull();
  });
});
