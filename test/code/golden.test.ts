/**
 * Golden folders per codemod: test/code/golden/<codemod>/<case>/ holds `input.<ext>` (the file is
 * analyzed as `app.<ext>`; `input.package.json` as `package.json`), `expected.<ext>` (the
 * rewritten file; equal to the input when nothing may change), `expected.diff`, and optionally
 * `options.json` ({ credential, identityMap, phase }) and `expected-findings.txt` (the
 * code-not-rewritten findings, one `line:col id` a line). UPDATE_GOLDEN=1 writes missing files
 * only: review them.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCodeAnalysis, type CodeOptions } from '../../src/pipeline/run-code-analysis.js';
import { renderUnifiedDiff } from '../../src/reporters/unified-diff.js';
import { loadSdkTables } from '../../src/sources/code/load-sdk-tables.js';
import { loadIdentityMap } from '../../src/sources/load-identity-map.js';

const ROOT = path.join(import.meta.dirname, 'golden');
const update = process.env.UPDATE_GOLDEN === '1';
const tables = loadSdkTables();

const cases = readdirSync(ROOT).flatMap((codemod) => readdirSync(path.join(ROOT, codemod)).map((name) => [codemod, name] as const));

function golden(folder: string, name: string, actual: string): string {
  const file = path.join(folder, name);
  if (!existsSync(file) && update) writeFileSync(file, actual);
  return readFileSync(file, 'utf8');
}

describe.each(cases)('%s / %s', (codemod, name) => {
  const folder = path.join(ROOT, codemod, name);
  const inputName = readdirSync(folder).find((file) => file.startsWith('input.'))!;
  const extension = inputName.slice('input'.length);
  const virtual = extension === '.package.json' ? 'package.json' : `app${extension}`;
  const input = readFileSync(path.join(folder, inputName), 'utf8');
  const given = existsSync(path.join(folder, 'options.json')) ? (JSON.parse(readFileSync(path.join(folder, 'options.json'), 'utf8')) as { credential?: 'workload' | 'default'; identityMap?: string; phase?: 'prepare' | 'cutover' }) : {};
  const options: CodeOptions = {
    tables,
    credential: given.credential ?? 'workload',
    identityMap: given.identityMap ? loadIdentityMap(path.join(folder, given.identityMap)) : [],
    phase: given.phase ?? 'prepare',
    rewrite: true,
  };
  const result = runCodeAnalysis([{ file: virtual, text: input }], options);
  const after = result.changes[0]?.after ?? input;

  it('rewrites the input into expected', () => {
    expect(result.findings.filter((finding) => finding.id === 'verification-failed')).toEqual([]);
    expect(after).toBe(golden(folder, `expected${extension}`, after));
  });

  it('shows exactly expected.diff', () => {
    const diff = renderUnifiedDiff(result.changes, false);
    expect(diff).toBe(golden(folder, 'expected.diff', diff));
  });

  it('reports what it cannot rewrite', () => {
    const refused = result.findings.filter((finding) => finding.id === 'code-not-rewritten').map((finding) => `${finding.location.line}:${finding.location.col} ${finding.id}\n`).join('');
    expect(refused).toBe(existsSync(path.join(folder, 'expected-findings.txt')) || refused !== '' ? golden(folder, 'expected-findings.txt', refused) : '');
  });

  it('is idempotent: a second run changes nothing', () => {
    const again = runCodeAnalysis([{ file: virtual, text: after }], options);
    expect(again.changes).toEqual([]);
  });
});
