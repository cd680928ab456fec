/**
 * The golden trees checked by kustomize itself (kubectl kustomize, as --render uses it): every
 * kustomization builds before and after the migration (a JSON 6902 `add` whose parent is missing
 * fails the build, so this proves the new operations are placed where they can apply), and where
 * the migration rewrote everything, the built objects are migrated already: migrating the build
 * output again changes nothing, while migrating the build of the input does.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ANALYZER_OPTIONS } from '../../src/analyzers/index.js';
import { DEFAULT_PLAN_OPTIONS, type PlanOptions } from '../../src/planner/plan-options.js';
import { runMigration } from '../../src/pipeline/run-migration.js';
import { kubectlAvailable } from '../helpers/kubectl.js';

const GOLDEN = path.join(import.meta.dirname, 'golden-trees');
const ISSUER = 'https://eastus.oic.prod-aks.azure.com/11111111-1111-1111-1111-111111111111/22222222-2222-2222-2222-222222222222/';
// A kubectl with kustomize v4 or later (`patches`, base folders): skipped with the reason outside CI, an error in CI.
const hasKubectl = kubectlAvailable();
const run = promisify(execFile);

function kustomizationDirs(root: string, dir = ''): string[] {
  const here = path.join(root, dir);
  const nested = readdirSync(here)
    .filter((name) => statSync(path.join(here, name)).isDirectory())
    .sort()
    .flatMap((name) => kustomizationDirs(root, dir === '' ? name : `${dir}/${name}`));
  return existsSync(path.join(here, 'kustomization.yaml')) ? [dir === '' ? '.' : dir, ...nested] : nested;
}

async function build(dir: string): Promise<string> {
  const { stdout } = await run('kubectl', ['kustomize', dir], { encoding: 'utf8' });
  return stdout;
}

function changesOf(text: string, plan: Partial<PlanOptions>): number {
  const result = runMigration([{ file: 'built.yaml', text, format: 'yaml' }], { analyzer: DEFAULT_ANALYZER_OPTIONS, plan: { ...DEFAULT_PLAN_OPTIONS, issuer: ISSUER, ...plan } });
  return result.changes.filter((change) => change.before !== change.after).length;
}

describe.skipIf(!hasKubectl)('golden trees built by kustomize', () => {
  for (const name of readdirSync(GOLDEN).sort()) {
    it(name, async () => {
      const folder = path.join(GOLDEN, name);
      const optionsFile = path.join(folder, 'options.json');
      const plan = existsSync(optionsFile) ? (JSON.parse(readFileSync(optionsFile, 'utf8')) as Partial<PlanOptions>) : {};
      const notes = readFileSync(path.join(folder, 'expected-notes.txt'), 'utf8');
      // Reported and skipped patches are left for a person: their built objects are not migrated.
      const complete = !/^skipped |kustomize-identity-setting/m.test(notes);
      const dirs = kustomizationDirs(path.join(folder, 'input'));
      expect(dirs.length).toBeGreaterThan(0);
      let before = 0;
      for (const dir of dirs) {
        const input = await build(path.join(folder, 'input', dir));
        const output = await build(path.join(folder, 'expected', dir));
        before += changesOf(input, plan);
        if (complete) expect(changesOf(output, plan), `${name}/${dir}`).toBe(0);
      }
      if (complete) expect(before).toBeGreaterThan(0);
    });
  }
});
