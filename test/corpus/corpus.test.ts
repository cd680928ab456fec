/**
 * The real-world corpus (../shared/corpus, public manifests written by others): every file must
 * get a disposition and none may crash the tool. Read in place, never copied here.
 */
import { existsSync, readdirSync } from 'node:fs';
import type { Inventory } from '../../src/model/inventory.js';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ANALYZER_OPTIONS } from '../../src/analyzers/index.js';
import { loadHelmCharts } from '../../src/sources/load-helm-charts.js';
import { DEFAULT_PLAN_OPTIONS } from '../../src/planner/plan-options.js';
import { runMigration } from '../../src/pipeline/run-migration.js';
import { loadAwsComponents } from '../../src/sources/load-aws-components.js';
import { readPaths } from '../../src/sources/read-paths.js';
import { ROOT } from '../helpers/cli.js';
import { corpusDispositions } from './dispositions.js';

const CORPUS = path.resolve(ROOT, '../shared/corpus');
const ISSUER = 'https://westeurope.oic.prod-aks.azure.com/11111111-1111-1111-1111-111111111111/22222222-2222-2222-2222-222222222222/';

describe.skipIf(!existsSync(CORPUS))('real-world corpus (../shared/corpus)', () => {
  it('gives every file a disposition without crashing', () => {
    // Each top-level folder is one repository: bindings of one must not match pods of another.
    const repositories = readdirSync(CORPUS, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    const reads = repositories.map((repository) => readPaths([repository], { cwd: CORPUS, maxFileBytes: 10 * 1024 * 1024, readStdin: () => '' }));
    const files = reads.flatMap((read) => read.files);
    expect(files.length).toBeGreaterThan(100);
    for (const phase of ['prepare', 'cutover'] as const) {
      const results = reads.map((read) => runMigration(read.files, { analyzer: { ...DEFAULT_ANALYZER_OPTIONS, awsComponents: loadAwsComponents(), helmCharts: loadHelmCharts() }, plan: { ...DEFAULT_PLAN_OPTIONS, phase, issuer: ISSUER } }));
      const result = {
        ...results[0]!,
        findings: results.flatMap((r) => r.findings),
        changes: results.flatMap((r) => r.changes),
        inventory: mergeInventories(results.map((r) => r.inventory)),
      };
      const rows = corpusDispositions(files, result);
      expect(rows).toHaveLength(files.length);
      expect(rows.every((row) => row.disposition !== '')).toBe(true);
      expect(result.findings.filter((finding) => finding.id === 'verification-failed')).toEqual([]);
      if (phase === 'prepare') {
        const counts = new Map<string, number>();
        for (const row of rows) counts.set(row.disposition, (counts.get(row.disposition) ?? 0) + 1);
        console.log(`\n${rows.map((row) => `${row.disposition.padEnd(12)} ${row.file}${row.detail ? `  (${row.detail})` : ''}`).join('\n')}`);
        console.log(`\ncorpus dispositions: ${[...counts].map(([key, value]) => `${key} ${value}`).join(', ')}`);
        expect(counts.get('changed') ?? 0).toBeGreaterThanOrEqual(5);
        // Templates are read where their masked text is YAML: those whose identity settings are
        // themselves templated (or that do not read) are still reported with their lines.
        expect(counts.get('templated') ?? 0).toBeGreaterThanOrEqual(15);
        const readTemplates = rows.filter((row) => row.disposition !== 'templated' && /\{\{-?\s*(?:include|\.)/.test(files.find((file) => file.file === row.file)?.text ?? ''));
        expect(readTemplates.length).toBeGreaterThanOrEqual(5);
      }
    }
  });
});

it.runIf(!existsSync(CORPUS))('corpus suite skipped: ../shared/corpus is absent', () => {
  expect(existsSync(CORPUS)).toBe(false);
});

function mergeInventories(inventories: Inventory[]): Inventory {
  const keys = ['identities', 'bindings', 'exceptions', 'workloads', 'serviceAccounts', 'secretProviderClasses', 'assignments'] as const;
  return Object.fromEntries(keys.map((key) => [key, inventories.flatMap((inventory) => inventory[key] as unknown[])])) as unknown as Inventory;
}
