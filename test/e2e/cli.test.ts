/** The built CLI, end to end, on a temporary copy of samples/pod-identity. */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { copyToTemp, ROOT, runCli, treeHash } from '../helpers/cli.js';

const SAMPLE = path.join(ROOT, 'samples/pod-identity');
let work: string;

beforeEach(() => {
  work = copyToTemp(SAMPLE);
});

describe('wimigrate migrate', () => {
  it('dry run prints a diff and changes nothing on disk', async () => {
    const before = treeHash(work);
    const run = await runCli(['migrate', '.'], { cwd: work });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^diff --git a\//m);
    expect(run.stdout).toContain('+        azure.workload.identity/use: "true"');
    expect(run.stderr).toContain('Dry run: nothing was written');
    expect(run.stderr).toMatch(/Summary: \d+ files, \d+ documents, \d+ workloads labelled for pod identity \(\d+ receiving an identity\)/);
    expect(treeHash(work)).toEqual(before);
  });

  it('--write changes the files, and a second run has nothing left to do', async () => {
    const dry = await runCli(['migrate', '.'], { cwd: work });
    const write = await runCli(['migrate', '.', '--write'], { cwd: work });
    expect(write.status).toBe(0);
    expect(write.stderr).toMatch(/Wrote [1-9]\d* file\(s\)/);
    const written = treeHash(work);
    const again = await runCli(['migrate', '.'], { cwd: work });
    expect(again.status).toBe(0);
    expect(again.stdout).toBe('');
    expect(again.stderr).toContain(' 0 files to change');
    expect(treeHash(work)).toEqual(written);
    // What was written is exactly what the dry run showed: the diff applies with git to a fresh copy.
    const fresh = copyToTemp(SAMPLE);
    const apply = spawnSync('git', ['apply', '--whitespace=nowarn', '-'], { cwd: fresh, input: dry.stdout, encoding: 'utf8' });
    expect(apply.stderr).toBe('');
    expect(treeHash(fresh)).toEqual(written);
  });

  it('--out-dir writes a migrated copy and leaves the sources alone', async () => {
    const before = treeHash(work);
    const out = path.join(path.dirname(work), `${path.basename(work)}-out`);
    const run = await runCli(['migrate', work, '--out-dir', out]);
    expect(run.status).toBe(0);
    expect(treeHash(work)).toEqual(before);
    const copy = treeHash(out);
    expect(Object.keys(copy).length).toBeGreaterThanOrEqual(Object.keys(before).length);
    const changed = Object.keys(before).filter((file) => copy[file] !== before[file]);
    expect(changed.length).toBeGreaterThan(0);
    const again = await runCli(['migrate', out], { cwd: out });
    expect(again.stdout).toBe('');
  });

  it('names new service accounts by --service-account-name and adds the proxy sidecar on request', async () => {
    const run = await runCli(['migrate', '.', '--service-account-name', '{namespace}-{workload}', '--proxy-sidecar', '--format', 'json'], { cwd: work });
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { plan: { serviceAccounts: { ref: { namespace: string; name: string }; action: string }[]; workloads: { kind: string; proxySidecar: boolean }[] }; findings: { id: string }[] };
    const created = report.plan.serviceAccounts.filter((account) => account.action === 'create');
    expect(created.length).toBeGreaterThan(5);
    for (const account of created) expect(account.ref.name.startsWith(`${account.ref.namespace}-`)).toBe(true);
    const sidecars = report.plan.workloads.filter((workload) => workload.proxySidecar).map((workload) => workload.kind);
    expect(sidecars).toContain('Deployment');
    expect(sidecars).not.toContain('CronJob');
    expect(sidecars).not.toContain('Job');
    expect(report.findings.map((finding) => finding.id)).toContain('proxy-sidecar-not-applied');
  });

  it('cutover after prepare removes the pod identity resources', async () => {
    await runCli(['migrate', '.', '--write'], { cwd: work });
    const cutover = await runCli(['migrate', '.', '--phase', 'cutover', '--write'], { cwd: work });
    expect(cutover.status).toBe(0);
    const scan = await runCli(['scan', '.', '--format', 'json'], { cwd: work });
    const report = JSON.parse(scan.stdout) as { inventory: { identities: unknown[]; bindings: unknown[]; exceptions: unknown[] } };
    // Only resources kept on purpose (serving unmigrated workloads) may remain.
    expect(report.inventory.exceptions).toEqual([]);
    expect(cutover.stderr).toContain('files to change');
    const again = await runCli(['migrate', '.', '--phase', 'cutover'], { cwd: work });
    expect(again.stdout).toBe('');
  });
});

describe('wimigrate plan', () => {
  it('lists valid federated credentials and the manual steps; migrate --plan-out writes the same plan', async () => {
    const run = await runCli(['plan', '.', '--format', 'json'], { cwd: work });
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { plan: { federatedCredentials: { name: string; issuer: string; subject: string; audiences: string[] }[]; manualSteps: { id: string }[] } };
    const credentials = report.plan.federatedCredentials;
    expect(credentials.length).toBeGreaterThan(5);
    for (const credential of credentials) {
      expect(credential.name).toMatch(/^wimigrate-[a-zA-Z0-9_-]{2,110}$/);
      expect(credential.issuer).toMatch(/^https:\/\/eastus\.oic\.prod-aks\.azure\.com\/.+\/$/);
      expect(credential.subject).toMatch(/^system:serviceaccount:[a-z0-9-]+:[a-z0-9.-]+$/);
      expect(credential.audiences).toEqual(['api://AzureADTokenExchange']);
    }
    expect(report.plan.manualSteps.map((step) => step.id)).toContain('select-identity-by-client-id');
    const text = await runCli(['plan', '.'], { cwd: work });
    expect(text.stdout).toMatch(/^Migration plan \(phase prepare\)/);

    const planOut = path.join(path.dirname(work), `${path.basename(work)}-plan.json`);
    expect((await runCli(['migrate', '.', '--plan-out', planOut], { cwd: work })).status).toBe(0);
    const written = JSON.parse(readFileSync(planOut, 'utf8')) as typeof report;
    expect(written.plan.federatedCredentials).toEqual(credentials);
  });
});

describe('wimigrate scan', () => {
  it('reports the inventory as JSON with a schema version', async () => {
    const run = await runCli(['scan', '.', '--format', 'json'], { cwd: work });
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { schemaVersion: number; summary: { identities: number; workloadsWithIdentity: number } };
    expect(report.schemaVersion).toBe(1);
    expect(report.summary.identities).toBeGreaterThan(3);
    expect(report.summary.workloadsWithIdentity).toBeGreaterThan(5);
  });

  it('reads standard input', async () => {
    const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: a}\nspec:\n  template:\n    metadata:\n      labels: {aadpodidbinding: nobody}\n    spec:\n      containers: [{name: a, image: b}]\n';
    const run = await runCli(['scan', '-', '--format', 'json'], { input: deployment, cwd: work });
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { findings: { id: string; location: { file: string; line: number } }[] };
    expect(report.findings).toContainEqual(expect.objectContaining({ id: 'label-without-binding', location: expect.objectContaining({ file: '<stdin>', line: 7 }) }));
  });

  it('--fail-on sets exit code 1', async () => {
    expect((await runCli(['scan', '.', '--fail-on', 'info'], { cwd: work })).status).toBe(1);
    expect((await runCli(['scan', '.', '--fail-on', 'none'], { cwd: work })).status).toBe(0);
  });

  it('writes markdown to --output', async () => {
    const out = path.join(work, '..', `${path.basename(work)}.md`);
    const run = await runCli(['scan', '.', '--format', 'markdown', '--output', out], { cwd: work });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toMatch(/^## wimigrate\n/);
  });
});

describe('bad input gets a clear error, never a crash', () => {
  it('an unknown flag exits 2', async () => {
    const run = await runCli(['scan', '--frobnicate']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("unknown option '--frobnicate'");
  });

  it('a bad flag value exits 2', async () => {
    const run = await runCli(['migrate', '.', '--issuer', 'http://not-https'], { cwd: work });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--issuer must be');
  });

  it('a missing path exits 2 after processing the others', async () => {
    const run = await runCli(['scan', '.', 'no-such-folder', '--format', 'json'], { cwd: work });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('no-such-folder: no such file or folder');
    expect(JSON.parse(run.stdout).summary.identities).toBeGreaterThan(0);
  });

  it('malformed YAML, binary files, alias bombs and symlink loops become findings', async () => {
    const bad = path.join(work, 'bad');
    mkdirSync(bad);
    writeFileSync(path.join(bad, 'broken.yaml'), 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: [unclosed\n');
    writeFileSync(path.join(bad, 'binary.yaml'), Buffer.from([0, 1, 2, 3, 0xff, 0xfe]));
    const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let level = 1; level < 9; level++) bomb.push(`${String.fromCharCode(97 + level)}: &${String.fromCharCode(97 + level)} [${Array(9).fill(`*${String.fromCharCode(96 + level)}`).join(',')}]`);
    writeFileSync(path.join(bad, 'bomb.yaml'), `kind: ServiceAccount\napiVersion: v1\nmetadata: {name: x}\n${bomb.join('\n')}\n`);
    symlinkSync('..', path.join(bad, 'loop'));
    const run = await runCli(['scan', 'bad', '--format', 'json'], { cwd: work });
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as { findings: { id: string; location: { file: string; line: number } }[] };
    expect(report.findings).toContainEqual(expect.objectContaining({ id: 'yaml-error', location: expect.objectContaining({ file: 'bad/broken.yaml' }) }));
    expect(report.findings).toContainEqual(expect.objectContaining({ id: 'not-text-file', location: expect.objectContaining({ file: 'bad/binary.yaml' }) }));
    expect(report.findings).toContainEqual(expect.objectContaining({ id: 'yaml-error', location: expect.objectContaining({ file: 'bad/bomb.yaml' }) }));
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('skips files over --max-file-size with a finding and goes on', async () => {
    const run = await runCli(['scan', '.', '--max-file-size', '2000', '--format', 'json'], { cwd: work });
    const report = JSON.parse(run.stdout) as { findings: { id: string; message: string }[]; summary: { files: number } };
    const skipped = report.findings.filter((finding) => finding.id === 'file-too-large');
    expect(skipped.length).toBeGreaterThan(0);
    expect(skipped[0]?.message).toMatch(/^\d+ bytes, over the limit of 2000$/);
    expect(report.summary.files).toBeGreaterThan(0);
  });

  it('a write that fails exits 3 and names the path', async () => {
    const blocker = path.join(path.dirname(work), `${path.basename(work)}-file`);
    writeFileSync(blocker, 'not a folder');
    const run = await runCli(['migrate', '.', '--out-dir', path.join(blocker, 'out')], { cwd: work });
    expect(run.status).toBe(3);
    expect(run.stderr).toContain(blocker);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('--migrations adds the project\'s own AWS components, and a broken table exits 2', async () => {
    const own = path.join(work, '..', `${path.basename(work)}-migrations`);
    mkdirSync(own);
    writeFileSync(path.join(own, 'aws-components.yaml'), 'schemaVersion: 1\ncomponents:\n  - id: in-house-aws-agent\n    images: [acme/aws-agent]\n    replacement: nothing, it reads SQS that is gone on Azure\n');
    writeFileSync(path.join(work, 'agent.yaml'), 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent, namespace: ops}\nspec:\n  selector: {matchLabels: {app: agent}}\n  template:\n    metadata: {labels: {app: agent}}\n    spec:\n      containers: [{name: agent, image: "acme/aws-agent:2.1"}]\n');
    const run = await runCli(['scan', '.', '--migrations', own, '--format', 'json'], { cwd: work });
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { findings: { id: string; message: string }[] };
    expect(report.findings).toContainEqual(expect.objectContaining({ id: 'aws-only-component', message: expect.stringContaining('runs in-house-aws-agent') }));
    writeFileSync(path.join(own, 'aws-components.yaml'), 'schemaVersion: 1\ncomponents:\n  - id: broken\n');
    const broken = await runCli(['scan', '.', '--migrations', own], { cwd: work });
    expect(broken.status).toBe(2);
    expect(broken.stderr).toContain('aws-components.yaml: components[0] needs an id, a replacement and a non-empty list of image names');
  });

  it('a config file with an unknown key exits 2 naming the line', async () => {
    writeFileSync(path.join(work, 'wimigrate.yaml'), 'issuer: https://x/\nisuer: typo\n');
    const run = await runCli(['scan', '.'], { cwd: work });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('wimigrate.yaml:2:1: unknown setting "isuer"');
  });
});
