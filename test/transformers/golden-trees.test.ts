/**
 * Golden cases that need several files (a kustomization, the patch files it names, the
 * resources it builds): each folder under golden-trees/ holds `input/` (the tree), optional
 * `options.json` (plan options), `expected/` (every file of the tree after the migration),
 * `expected.diff`, `expected-notes.txt` (skipped edits and findings) and
 * `expected-credentials.txt` (the federated credentials of the plan: whose tokens they trust).
 * Set UPDATE_GOLDEN=1 to write missing expectations, then REVIEW them before committing.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ANALYZER_OPTIONS } from '../../src/analyzers/index.js';
import { DEFAULT_PLAN_OPTIONS, type PlanOptions } from '../../src/planner/plan-options.js';
import { runMigration, type SourceText } from '../../src/pipeline/run-migration.js';
import { renderUnifiedDiff } from '../../src/reporters/unified-diff.js';
import { loadHelmCharts } from '../../src/sources/load-helm-charts.js';
import { filesUnder } from '../helpers/files-under.js';

const GOLDEN = path.join(import.meta.dirname, 'golden-trees');
const HELM_CHARTS = loadHelmCharts();
const ISSUER = 'https://eastus.oic.prod-aks.azure.com/11111111-1111-1111-1111-111111111111/22222222-2222-2222-2222-222222222222/';

function run(sources: SourceText[], plan: Partial<PlanOptions>) {
  return runMigration(sources, { analyzer: { ...DEFAULT_ANALYZER_OPTIONS, helmCharts: HELM_CHARTS }, plan: { ...DEFAULT_PLAN_OPTIONS, issuer: ISSUER, ...plan } });
}

function expectFile(file: string, actual: string): void {
  if (!existsSync(file) && process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
  }
  expect(existsSync(file), `${file} is missing (UPDATE_GOLDEN=1 writes it for review)`).toBe(true);
  expect(actual, file).toBe(readFileSync(file, 'utf8'));
}

describe('golden rewrites of file trees', () => {
  for (const name of readdirSync(GOLDEN).sort()) {
    const folder = path.join(GOLDEN, name);
    it(name, () => {
      const input = path.join(folder, 'input');
      const sources: SourceText[] = filesUnder(input).map((file) => ({ file, text: readFileSync(path.join(input, file), 'utf8'), format: file.endsWith('.json') ? 'json' : 'yaml' }));
      const optionsFile = path.join(folder, 'options.json');
      const plan = existsSync(optionsFile) ? (JSON.parse(readFileSync(optionsFile, 'utf8')) as Partial<PlanOptions>) : {};
      const result = run(sources, plan);

      // The whole tree after the migration: changed files, new ones, and the others as they were.
      const after = new Map(sources.map((source) => [source.file, source.text as string | null]));
      for (const change of result.changes) after.set(change.file, change.after);
      const kept = [...after].filter((entry): entry is [string, string] => entry[1] !== null).sort(([a], [b]) => (a < b ? -1 : 1));
      for (const [file, text] of kept) expectFile(path.join(folder, 'expected', file), text);
      expect(filesUnder(path.join(folder, 'expected'))).toEqual(kept.map(([file]) => file));

      expectFile(path.join(folder, 'expected.diff'), renderUnifiedDiff(result.changes, false));
      expect(result.findings.filter((finding) => finding.id === 'verification-failed')).toEqual([]);
      const notes = [
        ...result.changes.flatMap((c) => c.skipped.map((s) => `skipped ${s.location.file}:${s.location.line}:${s.location.col} ${s.reason}`)),
        ...result.findings.map((f) => `${f.severity} ${f.id} ${f.location.file}:${f.location.line}:${f.location.col} ${f.message}`),
      ];
      expectFile(path.join(folder, 'expected-notes.txt'), `${notes.join('\n')}\n`);
      const credentials = result.plan.federatedCredentials.map((c) => `${c.name} ${c.subject} on ${c.identity.name}`);
      expectFile(path.join(folder, 'expected-credentials.txt'), `${credentials.join('\n')}\n`);

      // A second run on the output changes nothing.
      const again = run(kept.map(([file, text]) => ({ file, text, format: file.endsWith('.json') ? 'json' : 'yaml' })), plan);
      expect(again.changes.filter((candidate) => candidate.before !== candidate.after)).toEqual([]);
    });
  }
});
