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

  it('ends a nested block at its first less-indented line, wherever its parent ends', () => {
    // `b` under `a` ends at `c:`: the `b` after it belongs to the root, not to `a`.
    const text = 'a:\n  x: 1\nc:\n  b: 2\nb: 3\n';
    expect(locateInBlock(text, ['a', 'b'])).toEqual({ found: false, nearest: text.indexOf('a:') });
    expect(locateInBlock(text, ['b'])).toEqual({ found: true, offset: text.lastIndexOf('b: 3') });
    // A list ends at the first line level with its items that is not one.
    const list = 'items:\n- name: a\nafter:\n- name: b\n';
    expect(locateInBlock(list, ['items', 1])).toEqual({ found: false, nearest: list.indexOf('items') });
    expect(locateInBlock(list, ['after', 0, 'name'])).toEqual({ found: true, offset: list.lastIndexOf('name') });
  });

  it('reads keys as the yaml library does, or gives up', () => {
    expect(locateInBlock('a : 1\n', ['a'])).toEqual({ found: true, offset: 0 });
    expect(locateInBlock('a\t: 1\n', ['a'])).toEqual({ found: true, offset: 0 });
    // Only spaces and tabs separate a key from its colon: this key is 'a' and a no-break space.
    expect(locateInBlock('a\u00a0: 1\n', ['a'])).toEqual({ found: false, nearest: 0 });
    expect(locateInBlock('"a": 1\n', ['a'])).toEqual({ found: true, offset: 0 });
    expect(locateInBlock('x: 1\na #b: 2\n', ['a'])).toBeNull();
    expect(locateInBlock('x: 1\n? a\n: 2\n', ['a'])).toBeNull();
  });
});
