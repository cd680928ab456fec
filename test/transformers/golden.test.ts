/**
 * Golden cases for the whole rewrite: each folder under golden/ holds `input.yaml` (or
 * `input.json`), optional `options.json` (plan options such as phase), `expected.yaml` (or
 * .json), `expected.diff`, and `expected-notes.txt` (skipped edits and findings). Set UPDATE_GOLDEN=1 to write missing expectations, then REVIEW
 * them before committing: a golden file is a claim about correct output.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ANALYZER_OPTIONS } from '../../src/analyzers/index.js';
import { DEFAULT_PLAN_OPTIONS, type PlanOptions } from '../../src/planner/plan-options.js';
import { runMigration, type SourceText } from '../../src/pipeline/run-migration.js';
import { renderUnifiedDiff } from '../../src/reporters/unified-diff.js';
import { loadHelmCharts } from '../../src/sources/load-helm-charts.js';

const GOLDEN = path.join(import.meta.dirname, 'golden');
const HELM_CHARTS = loadHelmCharts();
const ISSUER = 'https://eastus.oic.prod-aks.azure.com/11111111-1111-1111-1111-111111111111/22222222-2222-2222-2222-222222222222/';

function run(sources: SourceText[], plan: Partial<PlanOptions>) {
  return runMigration(sources, { analyzer: { ...DEFAULT_ANALYZER_OPTIONS, helmCharts: HELM_CHARTS }, plan: { ...DEFAULT_PLAN_OPTIONS, issuer: ISSUER, ...plan } });
}

function expectFile(file: string, actual: string): void {
  if (!existsSync(file) && process.env.UPDATE_GOLDEN === '1') writeFileSync(file, actual);
  expect(existsSync(file), `${file} is missing (UPDATE_GOLDEN=1 writes it for review)`).toBe(true);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('golden rewrites', () => {
  for (const name of readdirSync(GOLDEN).sort()) {
    const folder = path.join(GOLDEN, name);
    const format = existsSync(path.join(folder, 'input.json')) ? 'json' : 'yaml';
    const inputName = `input.${format}`;
    it(name, () => {
      const text = readFileSync(path.join(folder, inputName), 'utf8');
      const optionsFile = path.join(folder, 'options.json');
      const plan = existsSync(optionsFile) ? (JSON.parse(readFileSync(optionsFile, 'utf8')) as Partial<PlanOptions>) : {};
      const result = run([{ file: inputName, text, format }], plan);
      const change = result.changes.find((candidate) => candidate.file === inputName);
      const after = change?.after ?? text;

      expectFile(path.join(folder, `expected.${format}`), after);
      expectFile(path.join(folder, 'expected.diff'), renderUnifiedDiff(result.changes, false));
      expect(result.findings.filter((finding) => finding.id === 'verification-failed')).toEqual([]);
      // What a reviewer needs besides the diff: why anything was skipped, and the findings.
      const notes = [
        ...result.changes.flatMap((c) => c.skipped.map((s) => `skipped ${s.location.line}:${s.location.col} ${s.reason}`)),
        ...result.findings.map((f) => `${f.severity} ${f.id} ${f.location.line}:${f.location.col} ${f.message}`),
      ];
      expectFile(path.join(folder, 'expected-notes.txt'), `${notes.join('\n')}\n`);

      // A second run on the output (with any file the first run created) changes nothing.
      const created = result.changes.filter((candidate) => candidate.before === null && candidate.after !== null);
      const again = run([{ file: inputName, text: after, format }, ...created.map((c) => ({ file: c.file, text: c.after ?? '', format: c.format }))], plan);
      expect(again.changes.filter((candidate) => candidate.before !== candidate.after)).toEqual([]);
    });
  }
});
