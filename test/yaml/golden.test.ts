/**
 * Golden cases for format-preserving edits. Each folder under golden/ holds `input.yaml` (or
 * `input.json`), `edits.json` (a YamlEdit list, or `{ "format", "edits", "variants" }`), and
 * `expected.yaml`/`expected.json` and/or `expected-refused.json` (refusals, `reason` matched as
 * a substring). A missing expected text means the output must equal the input.
 * Every case also runs with CRLF line ends and with a BOM, derived here because editors strip
 * them from fixtures, and must be idempotent: the same set/delete edits on the output change
 * nothing. UPDATE_GOLDEN=1 writes missing expected texts, for review before committing.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SourceFormat } from '../../src/model/document.js';
import { applyEdits, type EditRefusal, type YamlEdit } from '../../src/yaml/index.js';

const GOLDEN = path.join(import.meta.dirname, 'golden');

type Variant = 'lf' | 'crlf' | 'bom';

interface CaseFile {
  format?: SourceFormat;
  edits: YamlEdit[];
  /** Variants beyond plain LF to run; all by default. */
  variants?: Variant[];
}

function readCase(folder: string): CaseFile {
  const raw = JSON.parse(readFileSync(path.join(folder, 'edits.json'), 'utf8')) as CaseFile | YamlEdit[];
  return Array.isArray(raw) ? { edits: raw } : raw;
}

function derive(text: string, variant: Variant): string {
  if (variant === 'crlf') return text.replaceAll('\n', '\r\n');
  if (variant === 'bom') return `\uFEFF${text}`;
  return text;
}

/** Edits that must change nothing when applied again: sets, and deletes of map keys (not list positions). */
function isRepeatable(edits: readonly YamlEdit[]): boolean {
  return edits.every((edit) => edit.op === 'set' || (edit.op === 'delete' && typeof edit.path[edit.path.length - 1] === 'string'));
}

function expectRefusals(actual: EditRefusal[], expected: EditRefusal[]): void {
  expect(actual.map(({ docIndex, line, col }) => ({ docIndex, line, col }))).toEqual(expected.map(({ docIndex, line, col }) => ({ docIndex, line, col })));
  actual.forEach((refusal, i) => expect(refusal.reason).toContain(expected[i]?.reason ?? ''));
}

describe('golden yaml edits', () => {
  for (const name of readdirSync(GOLDEN).sort()) {
    const folder = path.join(GOLDEN, name);
    const spec = readCase(folder);
    const format: SourceFormat = existsSync(path.join(folder, 'input.json')) ? 'json' : (spec.format ?? 'yaml');
    const extension = format === 'json' ? 'json' : 'yaml';
    const input = readFileSync(path.join(folder, `input.${extension}`), 'utf8');
    const expectedFile = path.join(folder, `expected.${extension}`);
    const refusedFile = path.join(folder, 'expected-refused.json');
    const expectedRefused = existsSync(refusedFile) ? (JSON.parse(readFileSync(refusedFile, 'utf8')) as EditRefusal[]) : [];

    for (const variant of ['lf', ...(spec.variants ?? ['crlf', 'bom'])] as Variant[]) {
      it(`${name} (${variant})`, () => {
        const outcome = applyEdits(derive(input, variant), format, spec.edits);
        if (variant === 'lf' && !existsSync(expectedFile) && outcome.text !== input && process.env.UPDATE_GOLDEN === '1') {
          writeFileSync(expectedFile, outcome.text);
        }
        const expected = existsSync(expectedFile) ? readFileSync(expectedFile, 'utf8') : input;
        expect(outcome.text).toBe(derive(expected, variant));
        expectRefusals(outcome.refused, expectedRefused);

        if (isRepeatable(spec.edits)) {
          const again = applyEdits(outcome.text, format, spec.edits);
          expect(again.text).toBe(outcome.text);
        }
      });
    }
  }
});
