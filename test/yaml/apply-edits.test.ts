import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import type { NodePath, SourceFormat } from '../../src/model/document.js';
import { applyEdits, parseChunk, splitDocuments, toPlainValue, type YamlEdit } from '../../src/yaml/index.js';
import { applyStructurally } from '../../src/yaml/structural-edits.js';

const GOLDEN = path.join(import.meta.dirname, 'golden');

describe('applyEdits safety net', () => {
  it('refuses a document whose edited text does not read back as intended', () => {
    const input = 'spec:\n  name: web\n  ratio: 1\n';
    // NaN has no plain YAML spelling that reads back as NaN: the text would say the string "NaN".
    const outcome = applyEdits(input, 'yaml', [
      { op: 'set', docIndex: 0, path: ['spec', 'name'], value: 'web-2' },
      { op: 'set', docIndex: 0, path: ['spec', 'ratio'], value: Number.NaN },
    ]);
    expect(outcome.text).toBe(input);
    expect(outcome.refused).toEqual([{ docIndex: 0, reason: 'verification failed: the edited document does not read back as intended', line: 2, col: 3 }]);
  });

  it('refuses to edit a document that is an alias bomb, quickly', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefghij'.split('').map((name, i) => `${name}: &${name} [${Array(10).fill(`*${'abcdefghij'[i]}`).join(', ')}]`)].join('\n');
    const input = `${bomb}\nz: 1\n`;
    const outcome = applyEdits(input, 'yaml', [{ op: 'set', docIndex: 0, path: ['z'], value: 2 }]);
    expect(outcome.text).toBe(input);
    expect(outcome.refused[0]?.reason).toContain('cannot be read safely');
  });

  it('refuses to delete the document root through a path', () => {
    const outcome = applyEdits('a: 1\n', 'yaml', [{ op: 'delete', docIndex: 0, path: [] }]);
    expect(outcome.refused[0]?.reason).toContain('root');
  });

  it('keeps the BOM when the first document is deleted', () => {
    const outcome = applyEdits('\uFEFFa: 1\n---\nb: 2\n', 'yaml', [{ op: 'delete-document', docIndex: 0 }]);
    expect(outcome.text).toBe('\uFEFF---\nb: 2\n');
  });

  it('leaves other documents alone when one is refused', () => {
    const input = 'a: &x 1\n---\nb: 1\n';
    const outcome = applyEdits(input, 'yaml', [
      { op: 'set', docIndex: 0, path: ['a'], value: 2 },
      { op: 'set', docIndex: 1, path: ['b'], value: 2 },
    ]);
    expect(outcome.text).toBe('a: &x 1\n---\nb: 2\n');
    expect(outcome.refused.map((refusal) => refusal.docIndex)).toEqual([0]);
  });

  it('keeps an emptied document a map or list, with its line break as it was', () => {
    const del = (text: string, path: NodePath) => applyEdits(text, 'yaml', [{ op: 'delete', docIndex: 0, path }]).text;
    expect(del('---\na: 1', ['a'])).toBe('---\n{}');
    expect(del('# c\na: 1\r\n# d\r\n', ['a'])).toBe('# c\n{}\r\n# d\r\n');
    expect(del('- a\n', [0])).toBe('[]\n');
  });

  it('refuses to delete a part holding an anchor', () => {
    const outcome = applyEdits('a:\n  b: &x 1\nc: *x\n', 'yaml', [{ op: 'delete', docIndex: 0, path: ['a'] }]);
    expect(outcome.refused[0]).toMatchObject({ line: 2, col: 9 });
    expect(outcome.refused[0]?.reason).toContain('anchor');
  });

  it('treats string path segments as list indexes in lists', () => {
    const outcome = applyEdits('a:\n- x\n- y\n', 'yaml', [{ op: 'set', docIndex: 0, path: ['a', '1'], value: 'z' }]);
    expect(outcome).toEqual({ text: 'a:\n- x\n- z\n', refused: [], pieces: ['a:\n- x\n- z\n'], editedPieces: [0], alignment: Int32Array.from([11, 11]) });
  });

  it('appending to a missing list is refused', () => {
    const outcome = applyEdits('a: 1\n', 'yaml', [{ op: 'append', docIndex: 0, path: ['items'], value: 1 }]);
    expect(outcome.refused[0]?.reason).toContain('no list');
  });
});

/** Every path to a scalar or collection in a document, for exhaustive edits. */
function allPaths(node: unknown, prefix: NodePath = []): NodePath[] {
  const paths: NodePath[] = prefix.length > 0 ? [prefix] : [];
  if (isMap(node)) {
    for (const pair of node.items) if (isScalar(pair.key)) paths.push(...allPaths(pair.value, [...prefix, String(pair.key.value)]));
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => paths.push(...allPaths(item as Node, [...prefix, index])));
  }
  return paths;
}

function goldenInputs(): { name: string; text: string; format: SourceFormat }[] {
  return readdirSync(GOLDEN)
    .sort()
    .map((name) => {
      const json = path.join(GOLDEN, name, 'input.json');
      return existsSync(json)
        ? { name, text: readFileSync(json, 'utf8'), format: 'json' as const }
        : { name, text: readFileSync(path.join(GOLDEN, name, 'input.yaml'), 'utf8'), format: 'yaml' as const };
    });
}

describe('applyEdits on every path of every golden input', () => {
  for (const { name, text, format } of goldenInputs()) {
    it(`${name}: never throws, keeps untouched documents and reads back as intended`, () => {
      const chunks = format === 'json' ? [{ index: 0, start: 0, end: text.length, text, startLine: 0 }] : splitDocuments(text);
      for (const chunk of chunks) {
        const parsed = parseChunk(chunk);
        if (parsed.errors.length > 0) continue;
        for (const target of allPaths(parsed.doc.contents)) {
          const edits: YamlEdit[] = [
            { op: 'set', docIndex: chunk.index, path: target, value: 'wimigrate' },
            { op: 'set', docIndex: chunk.index, path: [...target, 'new', 'key'], value: 'true' },
            { op: 'delete', docIndex: chunk.index, path: target, pruneEmptyParents: true },
            { op: 'delete', docIndex: chunk.index, path: target },
            { op: 'append', docIndex: chunk.index, path: target, value: { name: 'x', value: 'on' } },
          ];
          for (const edit of edits) {
            const outcome = applyEdits(text, format, [edit]);
            const after = format === 'json' ? [outcome.text] : splitDocuments(outcome.text).map((c) => c.text);
            // Documents other than the edited one come out byte-identical.
            chunks.forEach((other) => {
              if (other.index !== chunk.index) expect(after).toContain(other.text);
            });
            if (outcome.refused.length > 0) {
              expect(outcome.text).toBe(text);
              for (const refusal of outcome.refused) expect(refusal.line).toBeGreaterThan(0);
              continue;
            }
            // The edited document still parses, as one document.
            const edited = format === 'json' ? outcome.text : outcome.text.slice(chunk.start, outcome.text.length - (text.length - chunk.end));
            const reparsed = parseChunk({ ...chunk, text: edited });
            expect(reparsed.errors).toEqual([]);
            // Read back by the yaml library itself, whatever the safety net used: the intended value.
            const intended = applyStructurally(parsed.doc.toJS(), edit);
            expect(toPlainValue(reparsed)).toEqual({ ok: true, value: intended });
            expect(parseDocument(edited).errors).toEqual([]);
            // Setting or deleting again changes nothing.
            if ((edit.op === 'set' || edit.op === 'delete') && typeof edit.path[edit.path.length - 1] === 'string') {
              expect(applyEdits(outcome.text, format, [edit]).text).toBe(outcome.text);
            }
          }
        }
      }
    });
  }
});

describe('applyEdits with several edits on one document', () => {
  for (const { name, text, format } of goldenInputs()) {
    it(`${name}: random edit combinations read back as intended`, () => {
      const chunks = format === 'json' ? [{ index: 0, start: 0, end: text.length, text, startLine: 0 }] : splitDocuments(text);
      let seed = 11;
      const next = (limit: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % limit;
      for (const chunk of chunks) {
        const parsed = parseChunk(chunk);
        if (parsed.errors.length > 0) continue;
        const paths = allPaths(parsed.doc.contents);
        const leaves = paths.filter((target) => isScalar(parsed.doc.getIn(target, true)));
        if (leaves.length === 0) continue;
        for (let round = 0; round < 25; round++) {
          const edits: YamlEdit[] = Array.from({ length: 2 + next(3) }, (_, i): YamlEdit => {
            const target = paths[next(paths.length)]!;
            const kind = next(4);
            if (kind === 0) return { op: 'set', docIndex: chunk.index, path: leaves[next(leaves.length)]!, value: `v${i}` };
            if (kind === 1) return { op: 'set', docIndex: chunk.index, path: [...target.slice(0, -1), `k${i}`], value: i % 2 ? 'true' : i };
            if (kind === 2) return { op: 'delete', docIndex: chunk.index, path: target, pruneEmptyParents: i % 2 === 0 };
            return { op: 'append', docIndex: chunk.index, path: target.slice(0, -1), value: { n: `x${i}` } };
          });
          const outcome = applyEdits(text, format, edits);
          if (outcome.refused.length > 0) {
            expect(outcome.text).toBe(text);
            // The safety net is the last line of defence; the edit code itself should not need it.
            expect(outcome.refused[0]?.reason, JSON.stringify(edits)).not.toContain('verification failed');
            continue;
          }
          const edited = format === 'json' ? outcome.text : outcome.text.slice(chunk.start, outcome.text.length - (text.length - chunk.end));
          let intended: unknown = parsed.doc.toJS();
          for (const edit of edits) intended = applyStructurally(intended, edit);
          expect(toPlainValue(parseChunk({ ...chunk, text: edited })), JSON.stringify(edits)).toEqual({ ok: true, value: intended });
        }
      }
    });
  }
});
