/**
 * `wimigrate federate` end to end: the built CLI in a child process, with the real
 * @azure/arm-msi pipeline, against the local HTTPS ARM (trusted through NODE_EXTRA_CA_CERTS).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { CLI, copyToTemp, ROOT, runCli, startCli } from '../helpers/cli.js';
import { FakeArm } from './fake-arm-server.js';
import { onManagedIdentities, plannedCredentials, seedIdentities as seed, waitFor, type ManagedTarget, type PlanCredential } from './planned-credentials.js';

const arm = new FakeArm();
let env: Record<string, string>;
let work: string;
let planFile: string;
let credentials: PlanCredential[];

beforeAll(async () => {
  await arm.start();
  env = { NODE_EXTRA_CA_CERTS: arm.tls.certFile, WIMIGRATE_ARM_ACCESS_TOKEN: 'test-token-not-a-secret' };
  work = mkdtempSync(path.join(os.tmpdir(), 'wimigrate-federate-'));
  planFile = path.join(work, 'plan.json');
  const planned = await runCli(['plan', 'samples/pod-identity', '--format', 'json', '-o', planFile, '--fail-on', 'none'], { cwd: ROOT });
  expect(planned.status).toBe(0);
  credentials = plannedCredentials(planFile);
});
afterAll(() => arm.stop());

function managed(): PlanCredential[] {
  return onManagedIdentities(credentials);
}

/** Every identity of the plan exists, with no credentials. */
function seedIdentities(): void {
  arm.identities.clear();
  seed(arm, credentials);
}

/** What Azure has: identity name -> sorted "name issuer subject". */
function azureState(): Record<string, string[]> {
  const state: Record<string, string[]> = {};
  for (const identity of arm.identities.values()) {
    state[identity.name] = [...identity.credentials.values()].map((credential) => `${credential.name} ${credential.issuer} ${credential.subject}`).sort();
  }
  return state;
}

function plannedState(): Record<string, string[]> {
  const state: Record<string, string[]> = {};
  for (const credential of managed()) (state[credential.target.identityName!] ??= []).push(`${credential.name} ${credential.issuer} ${credential.subject}`);
  for (const key of Object.keys(state)) state[key]!.sort();
  return state;
}

const federate = (args: string[], extraEnv: Record<string, string> = {}) => runCli(['federate', '--arm-endpoint', arm.url, ...args], { cwd: work, env: { ...env, ...extraEnv } });

beforeEach(() => {
  seedIdentities();
  arm.faults = {};
  arm.log.length = 0;
  arm.maxConcurrentWrites = 0;
});

describe('wimigrate federate against the local ARM', () => {
  it('dry run: reads every identity, shows the difference as a table, writes nothing', async () => {
    const run = await federate(['--plan', planFile]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Identity id-payments  (resource group rg-payments-prod');
    expect(run.stdout).toMatch(/create\s+wimigrate-payments-payments-wi\s+system:serviceaccount:payments:payments-wi/);
    expect(run.stdout).toContain('NOT APPLIED by wimigrate');
    expect(run.stdout).toContain(`federate (dry run: nothing written (use --apply)): 0 created, ${managed().length} to create`);
    expect(arm.log.filter((entry) => entry.method !== 'GET')).toEqual([]);
    expect(arm.log.filter((entry) => entry.method === 'GET').length).toBeGreaterThan(0);
  });

  it('--apply creates exactly the planned credentials, one write at a time per identity; again is a no-op', async () => {
    arm.faults = { delayMs: 3, throttleWrites: 2, retryAfterMs: 10, transientErrors: 1 };
    const run = await federate(['--plan', planFile, '--apply', '--format', 'json', '--journal', path.join(work, 'apply.journal')]);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { mode: string; identities: { name: string; status: string; clientId: string; created: string[] }[]; propagation: string[]; appRegistrations: { requests: { url: string; body: { subject: string } }[] } };
    expect(report.mode).toBe('apply');
    expect(report.identities.every((identity) => identity.status === 'ok' && identity.clientId.length === 36)).toBe(true);
    expect(azureState()).toEqual(plannedState());
    expect(arm.maxConcurrentWrites).toBe(1);
    expect(report.propagation.join(' ')).toContain('AADSTS70021');
    expect(report.appRegistrations.requests[0]!.url).toBe("https://graph.microsoft.com/v1.0/applications(appId='0f9e8d7c-6b5a-4a3b-9c2d-1e0f2a3b4c01')/federatedIdentityCredentials");
    // The throttling and the 500 were retried.
    expect(arm.log.filter((entry) => entry.status === 429)).toHaveLength(2);
    expect(run.stderr).toContain('retry 1 in 10 ms');

    arm.log.length = 0;
    const again = await federate(['--plan', planFile, '--apply', '--journal', path.join(work, 'apply.journal')]);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain(`0 created, 0 to create, ${managed().length} present`);
    expect(arm.log.filter((entry) => entry.method !== 'GET')).toEqual([]);
  });

  it('a run killed in the middle and started again ends with exactly the planned credentials, none twice', async () => {
    const journal = path.join(work, 'killed.journal');
    arm.faults = { holdAfterWrites: 4 };
    arm.admittedWrites = 0;
    const first = startCli(['federate', '--arm-endpoint', arm.url, '--plan', planFile, '--apply', '--journal', journal, '--concurrency', '2'], { cwd: work, env });
    await waitFor(() => arm.heldWrites() > 0);
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');
    arm.release();
    const partial = Object.values(azureState()).flat().length;
    expect(partial).toBe(4);
    // Steps the killed run started and never finished, as its journal tells.
    const lines = readFileSync(journal, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { outcome: string });
    const interrupted = lines.filter((line) => line.outcome === 'started').length - lines.filter((line) => line.outcome !== 'started').length;
    expect(interrupted).toBeGreaterThanOrEqual(1);

    const second = await federate(['--plan', planFile, '--apply', '--journal', journal]);
    expect(second.status).toBe(0);
    expect(second.stdout).toContain(`Resuming: the last run was interrupted during ${interrupted} step(s)`);
    expect(second.stdout).toContain(`${managed().length - 4} created, 0 to create, 4 present`);
    expect(azureState()).toEqual(plannedState());
  });

  it('a 403 on one identity is reported with the API and status, and the others go on (exit 3)', async () => {
    arm.faults = { forbidden: ['id-analytics'] };
    const run = await federate(['--plan', planFile, '--apply']);
    expect(run.status).toBe(3);
    expect(run.stderr).toContain('id-analytics: userAssignedIdentities.get answered HTTP 403 AuthorizationFailed');
    expect(run.stdout).toContain('status: FAILED');
    const state = azureState();
    expect(state['id-analytics']).toEqual([]);
    expect(state['id-payments']).toEqual(plannedState()['id-payments']);
  });

  it('a missing identity is a 404 named in the output (exit 3)', async () => {
    const gone = managed()[0]!.target as ManagedTarget;
    arm.identities.delete(`${gone.subscriptionId}/${gone.resourceGroup}/${gone.identityName}`.toLowerCase());
    const run = await federate(['--plan', planFile]);
    expect(run.status).toBe(3);
    expect(run.stderr).toContain(`${gone.identityName}: userAssignedIdentities.get answered HTTP 404 ResourceNotFound`);
    expect(run.stdout).toContain('NOT FOUND (404)');
  });

  it('--prune removes only credentials wimigrate made that the plan no longer has, and needs --yes without a terminal', async () => {
    const target = managed()[0]!.target as ManagedTarget;
    const identity = arm.identity(target.subscriptionId, target.resourceGroup, target.identityName)!;
    identity.credentials.set('wimigrate-old-gone', { name: 'wimigrate-old-gone', issuer: 'https://old/', subject: 'system:serviceaccount:old:gone', audiences: ['api://AzureADTokenExchange'] });
    identity.credentials.set('hand-made', { name: 'hand-made', issuer: 'https://old/', subject: 'system:serviceaccount:old:kept', audiences: ['api://AzureADTokenExchange'] });
    const refused = await federate(['--plan', planFile, '--apply', '--prune']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('pass --yes');
    const run = await federate(['--plan', planFile, '--apply', '--prune', '--yes']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('deleted  wimigrate-old-gone');
    expect([...identity.credentials.keys()]).toContain('hand-made');
    expect([...identity.credentials.keys()]).not.toContain('wimigrate-old-gone');
  });

  it('--prune on a terminal lists what it would delete and deletes only after a yes', async () => {
    const target = managed()[0]!.target as ManagedTarget;
    const identity = arm.identity(target.subscriptionId, target.resourceGroup, target.identityName)!;
    identity.credentials.set('wimigrate-old-gone', { name: 'wimigrate-old-gone', issuer: 'https://old/', subject: 'system:serviceaccount:old:gone', audiences: ['api://AzureADTokenExchange'] });
    const ask = async (answer: string) => {
      // `script` gives the CLI a terminal; what we write reaches it as typed input.
      const command = [process.execPath, CLI, 'federate', '--arm-endpoint', arm.url, '--plan', planFile, '--apply', '--prune', '--journal', path.join(work, 'prune.journal')].map((word) => `'${word}'`).join(' ');
      const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: work, env: { ...process.env, ...env, NO_COLOR: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
      await waitFor(() => output.includes('Delete them? [y/N]'));
      child.stdin.write(`${answer}\n`);
      return { status: await closed, output };
    };
    const declined = await ask('n');
    expect(declined.output).toContain(`--prune would delete 1 credential(s) wimigrate made that the plan no longer has:`);
    expect(declined.output).toContain(`${target.identityName}/wimigrate-old-gone`);
    expect(identity.credentials.has('wimigrate-old-gone')).toBe(true);
    const accepted = await ask('y');
    expect(accepted.status).toBe(0);
    expect(identity.credentials.has('wimigrate-old-gone')).toBe(false);
  });

  it('IRSA: creates the identities planned for IAM roles and writes their client ids into the identity map', async () => {
    arm.identities.clear();
    const repo = copyToTemp(path.join(ROOT, 'samples/irsa'));
    // The identity the map says exists already.
    arm.addIdentity('2f6b7a10-4c1e-4d2a-9b3c-5e6f7a8b9c0d', 'rg-orders', 'id-orders-api', 'westeurope').clientId = '3c9d2e41-7a5b-4f60-8e1d-2b3c4d5e6f70';
    const mapBefore = readFileSync(path.join(repo, 'identity-map.yaml'), 'utf8');
    const run = await runCli(['federate', '--arm-endpoint', arm.url, '--apply', '--journal', path.join(work, 'irsa.journal')], { cwd: repo, env });
    expect(run.stderr).not.toContain('answered');
    expect(run.status).toBe(0);
    const created = [...arm.identities.values()].filter((identity) => identity.tags['created-by'] === 'wimigrate');
    expect(created.map((identity) => identity.name).sort()).toEqual(['archiver', 'billing-invoicer-prod', 'id-reports', 'payments-api']);
    expect(created.find((identity) => identity.name === 'archiver')!.tags['wimigrate-source-role']).toBe('arn:aws:iam::444455556666:role/archiver');
    const mapAfter = readFileSync(path.join(repo, 'identity-map.yaml'), 'utf8');
    // The map keeps its comments and entries; the new client ids are in it.
    expect(mapAfter.startsWith(mapBefore.split('\n').slice(0, 8).join('\n'))).toBe(true);
    for (const identity of created) expect(mapAfter).toContain(identity.clientId);
    expect(mapAfter).toContain('# Chosen, not created yet: its service account gets a pending placeholder.');
    // The next plan knows every client id: no pending placeholder left.
    const plan = await runCli(['plan', '.', '--format', 'json', '--fail-on', 'none'], { cwd: repo });
    const roles = (JSON.parse(plan.stdout) as { plan: { roleIdentities: { name: string; clientId: string | null }[] } }).plan.roleIdentities;
    expect(roles.filter((role) => role.clientId === null)).toEqual([]);
  });

  it('bad input is exit 2 naming the file; --emit runs offline without Azure', async () => {
    const missing = await federate(['--plan', path.join(work, 'nope.json')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('nope.json: cannot read the plan (ENOENT)');
    writeFileSync(path.join(work, 'broken.json'), '{"plan": {"federatedCredentials": [{"name": 1}]}}');
    const broken = await federate(['--plan', path.join(work, 'broken.json')]);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toContain('broken.json: plan.federatedCredentials[0]: name must be a string');
    const noOut = await federate(['--plan', planFile, '--emit', 'az']);
    expect(noOut.status).toBe(2);
    arm.log.length = 0;
    // No token and no reachable Azure: an emit-only run does not need them.
    // A resolve hook makes any import of an Azure SDK fail: an emit-only run must not load them.
    const hooks = path.join(work, 'no-azure-hooks.mjs');
    writeFileSync(hooks, "export async function resolve(specifier, context, next) { if (specifier.startsWith('@azure/')) throw new Error('loaded ' + specifier); return next(specifier, context); }\n");
    writeFileSync(path.join(work, 'no-azure.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
    const offline = await runCli(['federate', '--plan', planFile, '--emit', 'arm', '--out', path.join(work, 'arm')], {
      cwd: work,
      env: { WIMIGRATE_ARM_ACCESS_TOKEN: '', NODE_OPTIONS: `--import ${pathToFileURL(path.join(work, 'no-azure.mjs')).href}` },
    });
    expect(offline.stderr).toBe('');
    expect(offline.status).toBe(0);
    expect(offline.stdout).toContain('offline: Azure not read');
    expect(arm.log).toEqual([]);
  });
});
