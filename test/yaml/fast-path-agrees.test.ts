/**
 * The outline fast path (fast-block-edit.ts) must spell every edit exactly as the tree-based
 * edits do; it is only allowed to give up (null). Checked on every scalar, every new key and
 * every new nested map (alone, and with a second key after it) of every golden input, every sample and every real-world corpus file (read in place when
 * ../shared/corpus is there), in LF and CRLF.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { NodePath } from '../../src/model/document.js';
import { documentLayout } from '../../src/yaml/document-layout.js';
import { computeSet } from '../../src/yaml/edit-set.js';
import { fastBlockEdit } from '../../src/yaml/fast-block-edit.js';
import { parseDocumentText } from '../../src/yaml/parse-chunk.js';
import { splitDocuments } from '../../src/yaml/split-documents.js';
import { applySplices } from '../../src/yaml/text-positions.js';
import { isRefusal } from '../../src/yaml/walk-path.js';
import { yamlFiles } from '../helpers/yaml-files.js';

const GOLDEN = path.join(import.meta.dirname, 'golden');

/** The edits applied one after the other by the tree-based path; null when it refuses one. */
function treeEdit(text: string, edits: readonly { path: NodePath; value: string | number }[], eol: string): string | null {
  let current = text;
  for (const edit of edits) {
    const doc = parseDocumentText(current);
    const splices = computeSet({ text: current, doc, format: 'yaml', eol, layout: documentLayout(current, doc) }, edit.path, edit.value);
    if (isRefusal(splices)) return null;
    current = applySplices(current, splices);
  }
  return current;
}

function targets(node: unknown, prefix: NodePath = []): NodePath[] {
  if (isScalar(node)) return prefix.length > 0 ? [prefix] : [];
  if (isMap(node)) {
    const found: NodePath[] = [[...prefix, 'wimigrate.example/new'], [...prefix, 'wimigrate.example/map', 'key']];
    for (const pair of node.items) if (isScalar(pair.key)) found.push(...targets(pair.value, [...prefix, String(pair.key.value)]));
    return found;
  }
  if (isSeq(node)) return node.items.flatMap((item, index) => targets(item as Node, [...prefix, index]));
  return [];
}

const ROOT = path.resolve(import.meta.dirname, '../..');
const INPUTS = [
  ...readdirSync(GOLDEN).filter((name) => existsSync(path.join(GOLDEN, name, 'input.yaml'))).map((name) => path.join(GOLDEN, name, 'input.yaml')),
  ...yamlFiles(path.join(ROOT, 'samples')),
  ...yamlFiles(path.resolve(ROOT, '../shared/corpus')),
].sort();

let newMapsOnFastPath = 0;

describe('the outline fast path agrees with the tree-based edits', () => {
  for (const input of INPUTS) {
    it(path.relative(ROOT, input), () => {
      const lf = readFileSync(input, 'utf8');
      for (const [file, eol] of [[lf, '\n'], [lf.replaceAll('\n', '\r\n'), '\r\n']] as const) {
        for (const chunk of splitDocuments(file)) {
          const doc = parseDocumentText(chunk.text);
          if (doc.errors.length > 0) continue;
          const value = doc.toJS();
          for (const target of targets(doc.contents)) {
            for (const newValue of ['wimigrate', 'true', 7] as const) {
              const edit = { op: 'set' as const, docIndex: 0, path: target, value: newValue };
              const fast = fastBlockEdit(chunk.text, [edit], value, eol);
              if (fast === null) continue;
              const tree = treeEdit(chunk.text, [edit], eol);
              expect(tree, `${JSON.stringify(target)} refused by the tree path only`).not.toBeNull();
              expect(fast, JSON.stringify(target)).toBe(tree);
            }
            if (target.at(-1) !== 'key') continue;
            // A new map that a second edit adds to, as a service account's new annotations.
            const edits = ['first', 'second'].map((key) => ({ op: 'set' as const, docIndex: 0, path: [...target.slice(0, -1), key], value: key }));
            const fast = fastBlockEdit(chunk.text, edits, value, eol);
            if (fast === null) continue;
            expect(fast, JSON.stringify(target)).toBe(treeEdit(chunk.text, edits, eol));
            newMapsOnFastPath++;
          }
        }
      }
    });
  }
  it('takes the fast path for new nested maps (the checks above are not vacuous)', () => {
    expect(newMapsOnFastPath).toBeGreaterThan(100);
  });
});
