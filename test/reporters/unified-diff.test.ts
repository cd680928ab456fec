import { applyPatch } from 'diff';
import { describe, expect, it } from 'vitest';
import type { FileChange } from '../../src/model/file-change.js';
import { renderUnifiedDiff } from '../../src/reporters/unified-diff.js';

const change = (file: string, before: string | null, after: string | null): FileChange => ({ file, format: 'yaml', before, after, skipped: [] });

describe('renderUnifiedDiff', () => {
  it('writes git-style hunks with three lines of context', () => {
    const before = 'a\nb\nc\nd\ne\nf\ng\nh\n';
    const after = 'a\nb\nc\nd\nE\nf\ng\nh\n';
    expect(renderUnifiedDiff([change('dir/x.yaml', before, after)], false)).toBe(
      ['diff --git a/dir/x.yaml b/dir/x.yaml', '--- a/dir/x.yaml', '+++ b/dir/x.yaml', '@@ -2,7 +2,7 @@', ' b', ' c', ' d', '-e', '+E', ' f', ' g', ' h', ''].join('\n'),
    );
  });

  it('keeps changes far apart in separate hunks and reports a missing final newline', () => {
    const lines = Array.from({ length: 20 }, (_, i) => `line${i}`);
    const before = lines.join('\n');
    const after = ['LINE0', ...lines.slice(1, 19), 'LINE19'].join('\n');
    expect(renderUnifiedDiff([change('x.yaml', before, after)], false).split('\n')).toEqual([
      'diff --git a/x.yaml b/x.yaml',
      '--- a/x.yaml',
      '+++ b/x.yaml',
      '@@ -1,4 +1,4 @@',
      '-line0',
      '+LINE0',
      ' line1',
      ' line2',
      ' line3',
      '@@ -17,4 +17,4 @@',
      ' line16',
      ' line17',
      ' line18',
      '-line19',
      '\\ No newline at end of file',
      '+LINE19',
      '\\ No newline at end of file',
      '',
    ]);
  });

  it('names /dev/null for created and deleted files', () => {
    expect(renderUnifiedDiff([change('new.yaml', null, 'a: 1\n')], false)).toBe(
      'diff --git a/new.yaml b/new.yaml\nnew file mode 100644\n--- /dev/null\n+++ b/new.yaml\n@@ -0,0 +1 @@\n+a: 1\n',
    );
    expect(renderUnifiedDiff([change('old.yaml', 'a: 1\n', null)], false)).toBe(
      'diff --git a/old.yaml b/old.yaml\ndeleted file mode 100644\n--- a/old.yaml\n+++ /dev/null\n@@ -1 +0,0 @@\n-a: 1\n',
    );
  });

  it('colors only when asked, and skips files that did not change', () => {
    const changes = [change('x.yaml', 'a\n', 'b\n'), change('same.yaml', 'a\n', 'a\n')];
    expect(renderUnifiedDiff(changes, false)).not.toContain('\u001b[');
    const colored = renderUnifiedDiff(changes, true);
    expect(colored).toContain('\u001b[31m-a\u001b[0m');
    expect(colored).toContain('\u001b[32m+b\u001b[0m');
    expect(colored).not.toContain('same.yaml');
  });
});

describe('renderUnifiedDiff on random edits', () => {
  it('always gives a patch that turns the old text into the new one', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let round = 0; round < 300; round++) {
      const lines = Array.from({ length: 1 + Math.floor(next() * 40) }, () => `line ${Math.floor(next() * 6)}`);
      const edited = [...lines];
      for (let edit = 0; edit < 1 + Math.floor(next() * 4); edit++) {
        const at = Math.floor(next() * (edited.length + 1));
        const roll = next();
        if (roll < 0.4) edited.splice(at, 0, `new ${round}.${edit}`);
        else if (roll < 0.7) edited.splice(at, 1);
        else edited.splice(at, 1, `changed ${round}.${edit}`);
      }
      const eol = next() < 0.2 ? '\r\n' : '\n';
      const before = lines.join(eol) + (next() < 0.8 ? eol : '');
      const after = edited.join(eol) + (next() < 0.8 ? eol : '');
      const patch = renderUnifiedDiff([change('f.yaml', before, after)], false);
      if (before === after) continue;
      expect(applyPatch(before, patch), JSON.stringify({ before, after, patch })).toBe(after);
    }
  });
});

describe('renderUnifiedDiff with an alignment of documents', () => {
  let seed = 11;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const linesOf = (count: number, label: string) => Array.from({ length: count }, (_, i) => `${label} ${Math.floor(next() * 4)}.${i}\n`).join('');

  it('compares each document with its new text and still gives a patch that applies', () => {
    for (let round = 0; round < 200; round++) {
      const documents = Array.from({ length: 1 + Math.floor(next() * 6) }, (_, i) => `${i === 0 ? '' : '---\n'}${linesOf(1 + Math.floor(next() * 8), 'k')}${next() < 0.5 ? '\n' : ''}`);
      const pieces = documents.map((text, i) => {
        const roll = next();
        if (roll < 0.3) return text;
        if (roll < 0.4) return `${text.replace(/\n+$/, '\n')}added ${i}\n`; // a document that ended with a blank line may not any more
        if (roll < 0.55) return ''; // deleted
        if (roll < 0.7) return `${text}---\n${linesOf(3, `new${i}`)}`; // a document added after it
        const lines = text.split(/(?<=\n)/);
        lines.splice(Math.floor(next() * (lines.length + 1)), next() < 0.5 ? 1 : 0, `edited ${round}\n`);
        return lines.join('');
      });
      const before = documents.join('');
      const after = pieces.join('');
      if (before === after) continue;
      const alignment = new Int32Array(documents.length * 2);
      let beforeEnd = 0;
      let afterEnd = 0;
      documents.forEach((text, i) => {
        alignment[i * 2] = beforeEnd += text.length;
        alignment[i * 2 + 1] = afterEnd += pieces[i]!.length;
      });
      const patch = renderUnifiedDiff([{ ...change('f.yaml', before, after), alignment }], false);
      expect(applyPatch(before, patch), JSON.stringify({ before, after, patch })).toBe(after);
      // Every line of both texts ends with a line break: the patch must not say otherwise.
      expect(patch, JSON.stringify({ before, after, patch })).not.toContain('No newline');
    }
  });

  it('shows an added document as added lines, with its marker, after the document it follows', () => {
    const before = 'a: 1\n---\nb: 2\n';
    const after = 'a: 1\n---\nn: 0\n---\nb: 2\n';
    const alignment = Int32Array.from([5, 14, 14, 23]);
    expect(renderUnifiedDiff([{ ...change('x.yaml', before, after), alignment }], false).split('\n').slice(3)).toEqual(['@@ -1,3 +1,5 @@', ' a: 1', '+---', '+n: 0', ' ---', ' b: 2', '']);
  });

  it('ignores an alignment that does not fit the texts', () => {
    const before = 'a\nb\nc\n';
    const after = 'a\nB\nc\n';
    const expected = renderUnifiedDiff([change('x.yaml', before, after)], false);
    for (const alignment of [Int32Array.from([4, 2]), Int32Array.from([99, 99]), Int32Array.from([3]), Int32Array.from([1, 1])]) {
      expect(renderUnifiedDiff([{ ...change('x.yaml', before, after), alignment }], false)).toBe(expected);
    }
  });
});
