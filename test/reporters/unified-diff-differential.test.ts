import { applyPatch } from 'diff';
import { describe, expect, it } from 'vitest';
import type { FileChange } from '../../src/model/file-change.js';
import { renderUnifiedDiff } from '../../src/reporters/unified-diff.js';
import { referenceUnifiedDiff } from './reference-unified-diff.js';
import { seeded } from '../helpers/seeded.js';

/** Lines from a small vocabulary, so that the line diff meets equal lines and ties. */
function lineOf(next: () => number): string {
  const roll = next();
  if (roll < 0.1) return '';
  if (roll < 0.15) return '# note';
  if (roll < 0.2) return '---';
  return `${' '.repeat(2 * Math.floor(next() * 3))}key${Math.floor(next() * 5)}: v${Math.floor(next() * 3)}`;
}

/** A document's new text: lines added, changed or removed, a document added after it, or none of it. */
function editDocument(text: string, eol: string, next: () => number, round: number): string {
  const roll = next();
  if (roll < 0.35) return text;
  if (roll < 0.45) return '';
  if (roll < 0.55) return `${text}---${eol}kind: Added${round}${eol}`;
  const lines = text.split(eol);
  for (let edit = 0; edit < 1 + Math.floor(next() * 4); edit++) {
    const at = Math.floor(next() * lines.length);
    const kind = next();
    if (kind < 0.5) lines.splice(at, 0, `  added${round}.${edit}: "true"`);
    else if (kind < 0.75) lines.splice(at, 1, `  changed${round}.${edit}: x`);
    else if (lines.length > 1) lines.splice(at, 1);
  }
  return lines.join(eol);
}

/** A multi-document file and its edit, as the pipeline hands it over: pieces, alignment and the edited pieces. */
function randomChange(next: () => number, round: number): FileChange {
  const eol = next() < 0.15 ? '\r\n' : '\n';
  const documents = Array.from({ length: 1 + Math.floor(next() * 7) }, (_, index) => {
    const lines = Array.from({ length: 1 + Math.floor(next() * 12) }, () => lineOf(next));
    return `${index === 0 ? '' : `---${eol}`}${lines.join(eol)}${eol}`;
  });
  // Sometimes the file does not end with a line break.
  if (next() < 0.15) documents[documents.length - 1] = documents[documents.length - 1]!.slice(0, -eol.length);
  const pieces = documents.map((text) => editDocument(text, eol, next, round));
  const alignment = new Int32Array(documents.length * 2);
  let beforeEnd = 0;
  let afterEnd = 0;
  documents.forEach((text, index) => {
    alignment[index * 2] = beforeEnd += text.length;
    alignment[index * 2 + 1] = afterEnd += pieces[index]!.length;
  });
  const editedPieces = pieces.flatMap((piece, index) => (piece !== documents[index] ? [index] : []));
  return { file: `dir/f${round}.yaml`, format: 'yaml', before: documents.join(''), after: pieces.join(''), skipped: [], alignment, afterPieces: pieces, editedPieces };
}

function expectSameAsReference(changes: FileChange[], context: unknown): void {
  for (const color of [false, true]) {
    expect(renderUnifiedDiff(changes, color), JSON.stringify(context)).toBe(referenceUnifiedDiff(changes, color));
  }
}

describe('renderUnifiedDiff against the reference implementation', () => {
  it('gives the same patch, byte for byte, for random edits of multi-document files', () => {
    const next = seeded(17);
    for (let round = 0; round < 1500; round++) {
      const change = randomChange(next, round);
      expectSameAsReference([change], change);
      if (change.before !== change.after) expect(applyPatch(change.before!, renderUnifiedDiff([change], false)), JSON.stringify(change)).toBe(change.after);
    }
  });

  it('gives the same patch without the hints: no edited pieces, no pieces, no alignment', () => {
    const next = seeded(23);
    for (let round = 0; round < 500; round++) {
      const { editedPieces: _edited, ...change } = randomChange(next, round);
      const { afterPieces: _pieces, ...withoutPieces } = change;
      const { alignment: _alignment, ...whole } = withoutPieces;
      for (const variant of [change, withoutPieces, whole]) expectSameAsReference([variant], variant);
    }
  });

  it('gives the same patch when the edited pieces name more pieces than changed, and ignores hints it cannot use', () => {
    const next = seeded(29);
    for (let round = 0; round < 300; round++) {
      const change = randomChange(next, round);
      const pieces = change.afterPieces!.length;
      const variants: FileChange[] = [
        { ...change, editedPieces: Array.from({ length: pieces }, (_, index) => index) },
        { ...change, editedPieces: [...change.editedPieces!, pieces + 3] },
        { ...change, editedPieces: [...change.editedPieces!].reverse() },
        // An alignment that stops short of the texts' ends: the last pair runs on to them.
        { ...change, alignment: change.alignment!.slice(0, -2), afterPieces: change.afterPieces!.slice(0, -1) },
      ];
      for (const variant of variants) expectSameAsReference([variant], variant);
    }
  });

  it('gives the same patch for several files at once, created and deleted ones among them', () => {
    const next = seeded(31);
    const changes: FileChange[] = Array.from({ length: 40 }, (_, round) => randomChange(next, round));
    changes.push({ file: 'new.yaml', format: 'yaml', before: null, after: 'a: 1\nb: 2', skipped: [] });
    changes.push({ file: 'gone.yaml', format: 'yaml', before: 'a: 1\n', after: null, skipped: [] });
    changes.push({ file: 'same.yaml', format: 'yaml', before: 'a: 1\n', after: 'a: 1\n', skipped: [] });
    changes.push({ file: 'win\\dir\\x.yaml', format: 'yaml', before: '++a\n--b\n', after: '--b\n++c\n', skipped: [] });
    expectSameAsReference(changes, 'several files');
  });
});
