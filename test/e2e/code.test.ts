/** `wimigrate code` and `scan --code`, through the built CLI, on temporary copies of samples/app-code. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { copyToTemp, ROOT, runCli, treeHash } from '../helpers/cli.js';

const SAMPLE = path.join(ROOT, 'samples/app-code');

let work: string;

beforeEach(() => {
  work = copyToTemp(SAMPLE);
});

describe('wimigrate code', () => {
  it('dry run: findings with locations on stderr, the diff on stdout, nothing written', async () => {
    const before = treeHash(work);
    const run = await runCli(['code', '.'], { cwd: work });
    expect(run.status).toBe(1); // an error finding: Azure.Identity 1.4.0 needs the proxy sidecar
    expect(run.stderr).toContain('uploader/Uploader.csproj:9:5: error sdk-needs-proxy-sidecar: Azure.Identity 1.4.0');
    expect(run.stderr).toContain('report-builder/requirements.txt:2:1: warning sdk-below-minimum: azure-identity ==1.10.0 is below 1.13.0');
    expect(run.stderr).toContain('search-indexer/go.mod:7:2: warning sdk-below-minimum');
    expect(run.stderr).toContain('log-shipper/pom.xml:14:5: warning sdk-below-minimum: com.azure:azure-identity 1.8.0');
    expect(run.stderr).toContain('orders-api/package-lock.json:17:5: warning sdk-below-minimum: @azure/identity 2.1.0');
    expect(run.stderr).toContain('invoice-generator/src/index.js:18:36: warning imds-token-call');
    expect(run.stderr).toContain('invoice-generator/src/index.js:20:81: warning identity-by-resource-id');
    expect(run.stderr).toContain('irsa-worker/src/worker.ts:6:21: warning aws-web-identity-code: fromTokenFile');
    expect(run.stderr).toContain('info aws-service-client: calls AWS s3');
    expect(run.stderr).toContain('infra/pulumi/index.ts:15:35: warning identity-by-resource-id: DefaultAzureCredential');
    expect(run.stderr).toMatch(/Summary: 15 files \(7 sources, 6 parsed; 8 dependency files\), 5 files to change/);
    expect(run.stdout).toContain('+export const credential = new WorkloadIdentityCredential({ clientId });');
    expect(run.stdout).toContain('+const TOKEN_FILE = process.env.AZURE_FEDERATED_TOKEN_FILE!;');
    expect(run.stdout).toContain("+              'azure.workload.identity/use': 'true',");
    expect(run.stdout).toContain("'azure.workload.identity/client-id': 'wimigrate-pending:uploader-s3'");
    expect(run.stdout).toContain('+    "@azure/identity": "^3.2.0",');
    expect(treeHash(work)).toEqual(before);
  });

  it('--write applies exactly the dry-run diff, and a second run has nothing left to do', async () => {
    const dry = await runCli(['code', '.', '--fail-on', 'none'], { cwd: work });
    const write = await runCli(['code', '.', '--write', '--fail-on', 'none'], { cwd: work });
    expect(write.status).toBe(0);
    expect(write.stderr).toContain('Wrote 5 file(s). Run your package manager to update the lockfile.');
    const written = treeHash(work);
    const again = await runCli(['code', '.', '--fail-on', 'none'], { cwd: work });
    expect(again.stdout).toBe('');
    expect(again.stderr).toContain(' 0 files to change');
    expect(again.stderr).not.toContain('managed-identity-credential');
    expect(again.stderr).not.toContain('hard-coded-token-path');
    expect(treeHash(work)).toEqual(written);
    const fresh = copyToTemp(SAMPLE);
    const apply = spawnSync('git', ['apply', '--whitespace=nowarn', '-'], { cwd: fresh, input: dry.stdout, encoding: 'utf8' });
    expect(apply.stderr).toBe('');
    expect(treeHash(fresh)).toEqual(written);
  });

  it('--credential default and --format json', async () => {
    const run = await runCli(['code', 'orders-api', '--credential', 'default', '--format', 'json'], { cwd: work });
    const report = JSON.parse(run.stdout) as { schemaVersion: number; command: string; summary: { filesChanged: number }; findings: { id: string }[]; changes: { file: string; status: string }[] };
    expect(report.schemaVersion).toBe(1);
    expect(report.command).toBe('code');
    expect(report.changes).toEqual([
      { file: 'orders-api/package.json', status: 'modified' },
      { file: 'orders-api/src/credentials.ts', status: 'modified' },
      { file: 'orders-api/src/federated-token.ts', status: 'modified' },
    ]);
    expect(report.findings.map((finding) => finding.id)).toContain('managed-identity-credential');
    const diff = await runCli(['code', 'orders-api', '--credential', 'default'], { cwd: work });
    expect(diff.stdout).toContain('+export const credential = new DefaultAzureCredential({ workloadIdentityClientId: clientId });');
  });

  it('a broken package.json is a finding naming the file; the rest is still analyzed; a missing path exits 2', async () => {
    writeFileSync(path.join(work, 'orders-api/package.json'), '{\n  "dependencies": {\n    "@azure/identity": "^2.1.0",\n  }\n}\n');
    const run = await runCli(['code', '.', 'no-such-folder'], { cwd: work });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/orders-api\/package\.json:4:1: error code-unreadable: not valid JSON/);
    expect(run.stderr).toContain('uploader/Uploader.csproj:9:5: error sdk-needs-proxy-sidecar');
    expect(run.stderr).toContain('no-such-folder: no such file or folder');
  });

  it('rejects standard input and a bad --credential as usage errors', async () => {
    expect((await runCli(['code', '-'], { cwd: work })).status).toBe(2);
    const bad = await runCli(['code', '.', '--credential', 'msi'], { cwd: work });
    expect(bad.status).toBe(2);
  });
});

describe('wimigrate scan --code', () => {
  it('links each workload to the code it runs, by image name', async () => {
    const manifests = copyToTemp(path.join(ROOT, 'samples/pod-identity'));
    const run = await runCli(['scan', manifests, '--code', work, '--format', 'json']);
    const report = JSON.parse(run.stdout) as { findings: { id: string; message: string; location: { file: string } }[] };
    const links = report.findings.filter((finding) => finding.id === 'workload-code-at-risk');
    expect(links.map((finding) => finding.message.split(' runs code')[0]).sort()).toEqual([
      'DaemonSet monitoring/log-shipper',
      'Deployment billing/invoice-generator',
      'Deployment orders/orders-api',
      'Deployment reporting/report-builder',
      'Deployment uploads/uploader',
      'Rollout search/search-indexer',
    ]);
    const byWorkload = Object.fromEntries(links.map((finding) => [finding.message.split(' runs code')[0], finding.message]));
    expect(byWorkload['Deployment orders/orders-api']).toMatch(/runs code with 4 finding\(s\) that break under Workload ID \(.*managed-identity-credential x1.*\); first at /);
    expect(byWorkload['Deployment uploads/uploader']).toContain('sdk-needs-proxy-sidecar x1');
    // The code findings themselves are in the same report.
    expect(report.findings.some((finding) => finding.id === 'imds-token-call')).toBe(true);
    expect(report.findings.some((finding) => finding.id === 'label-without-binding' || finding.id === 'identity-incomplete' || finding.id === 'cross-namespace-binding')).toBe(true);
  });

  it('links by the codeMapping of wimigrate.yaml: by image and by manifest path', async () => {
    const manifests = copyToTemp(path.join(ROOT, 'samples/pod-identity'));
    const config = readFileSync(path.join(manifests, 'wimigrate.yaml'), 'utf8');
    writeFileSync(
      path.join(manifests, 'wimigrate.yaml'),
      `${config}codeMapping:\n  - image: myregistry.azurecr.io/report-*\n    code: ${path.join(work, 'invoice-generator')}\n  - manifests: apps/orders\n    code: ${path.join(work, 'uploader')}\n`,
    );
    const run = await runCli(['scan', manifests, '--code', work, '--format', 'json']);
    const links = (JSON.parse(run.stdout) as { findings: { id: string; message: string }[] }).findings.filter((finding) => finding.id === 'workload-code-at-risk');
    const byWorkload = Object.fromEntries(links.map((finding) => [finding.message.split(' runs code')[0], finding.message]));
    expect(byWorkload['Deployment reporting/report-builder']).toContain('imds-token-call x1');
    expect(byWorkload['Deployment orders/orders-api']).toContain('sdk-needs-proxy-sidecar x1');
    expect(byWorkload['Deployment orders/orders-api']).not.toContain('managed-identity-credential');
  });

  it('a bad codeMapping is a usage error naming the file and line', async () => {
    const manifests = copyToTemp(path.join(ROOT, 'samples/pod-identity'));
    writeFileSync(path.join(manifests, 'wimigrate.yaml'), 'codeMapping:\n  - image: x\n    manifests: y\n    code: z\n');
    const run = await runCli(['scan', manifests, '--code', work]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/wimigrate\.yaml:2:\d+: invalid value for "codeMapping"/);
  });
});

describe('ts-morph loads only where code is analyzed', () => {
  const loaded = async (args: string[]) => {
    const log = path.join(mkdtempSync(path.join(os.tmpdir(), 'wimigrate-imports-')), 'imports.txt');
    writeFileSync(log, '');
    await runCli(args, { node: ['--import', path.join(ROOT, 'test/e2e/fixtures/record-imports.mjs')], env: { WIMIGRATE_IMPORT_LOG: log } });
    return readFileSync(log, 'utf8');
  };

  it('scan on manifests does not load it (nor the code modules)', async () => {
    const urls = await loaded(['scan', path.join(ROOT, 'samples/pod-identity')]);
    // The bundled command line names each command's chunk after it (scan-command-<hash>.js).
    expect(urls).toMatch(/scan-command[-\w]*\.js/);
    expect(urls).not.toContain('ts-morph');
    expect(urls).not.toMatch(/code-command|scan-code|\/code\//);
  });

  it('code and scan --code do', async () => {
    expect(await loaded(['code', path.join(work, 'orders-api')])).toContain('ts-morph');
    expect(await loaded(['scan', path.join(ROOT, 'samples/pod-identity'), '--code', work])).toContain('ts-morph');
  });
});
