/**
 * DESIGN.md §1: @kubernetes/client-node loads only in cluster commands. A module resolve hook
 * makes any import of it fail: the file commands must still work, and a cluster command shows
 * that the hook bites.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'wimigrate-lazy-'));
const hooks = path.join(work, 'no-kubernetes-hooks.mjs');
writeFileSync(hooks, "export async function resolve(specifier, context, next) { if (specifier.startsWith('@kubernetes/')) throw new Error('loaded ' + specifier); return next(specifier, context); }\n");
writeFileSync(path.join(work, 'no-kubernetes.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
const env = { NODE_OPTIONS: `--import ${pathToFileURL(path.join(work, 'no-kubernetes.mjs')).href}` };
const SAMPLES = path.join(ROOT, 'samples/pod-identity');

describe('the cluster client is loaded only by cluster commands', () => {
  it.each([['scan'], ['plan'], ['migrate']])('%s on files does not load @kubernetes/client-node', async (command) => {
    const run = await runCli([command, SAMPLES, '-q'], { env });
    expect(run.stderr).not.toContain('loaded @kubernetes');
    expect(run.status).toBe(0);
    expect(run.stdout.length).toBeGreaterThan(100);
  });

  it('scan --cluster does load it (the hook works)', async () => {
    const run = await runCli(['scan', '--cluster'], { env: { ...env, KUBECONFIG: path.join(work, 'missing.kubeconfig') } });
    expect(run.stderr).toContain('loaded @kubernetes/client-node');
  });
});
