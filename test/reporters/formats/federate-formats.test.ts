/**
 * `federate -f markdown|sarif|html|csv` through the built CLI, against the local HTTPS Resource
 * Manager of test/azure (the real @azure/arm-msi pipeline), and offline with --emit.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeArm } from '../../azure/fake-arm-server.js';
import { ROOT, runCli } from '../../helpers/cli.js';
import { parseCsv, sarifErrors } from '../../helpers/report-formats.js';
import { onManagedIdentities, plannedCredentials, seedIdentities, type ManagedTarget, type PlanCredential } from '../../azure/planned-credentials.js';

const arm = new FakeArm();
let env: Record<string, string>;
let work: string;
let planFile: string;
let managed: PlanCredential[];
let forbidden: string;
let conflicting: PlanCredential;

beforeAll(async () => {
  await arm.start();
  env = { NODE_EXTRA_CA_CERTS: arm.tls.certFile, WIMIGRATE_ARM_ACCESS_TOKEN: 'test-token-not-a-secret' };
  work = mkdtempSync(path.join(os.tmpdir(), 'wimigrate-federate-formats-'));
  planFile = path.join(work, 'plan.json');
  const planned = await runCli(['plan', 'samples/pod-identity', '--format', 'json', '-o', planFile, '--fail-on', 'none'], { cwd: ROOT });
  expect(planned.status).toBe(0);
  managed = onManagedIdentities(plannedCredentials(planFile));
  const names = [...new Set(managed.map((credential) => credential.target.identityName!))];
  expect(names.length).toBeGreaterThanOrEqual(2);
  // Every identity exists; one answers 403, another has a credential of a planned name with another subject.
  seedIdentities(arm, managed);
  forbidden = names[0]!;
  conflicting = managed.find((credential) => credential.target.identityName === names[1])!;
  const target = conflicting.target as ManagedTarget;
  arm.identity(target.subscriptionId, target.resourceGroup, target.identityName)!.credentials.set(conflicting.name, { name: conflicting.name, issuer: conflicting.issuer, subject: 'system:serviceaccount:other:someone-else', audiences: ['api://AzureADTokenExchange'] });
  arm.faults = { forbidden: [forbidden.toLowerCase()] };
});
afterAll(() => arm.stop());

const federate = (args: string[]) => runCli(['federate', '--arm-endpoint', arm.url, '--plan', planFile, ...args], { cwd: work, env });

describe('federate in every report format', () => {
  it('sarif: the 403 and the conflict as results at the plan file, valid against the official schema', async () => {
    const run = await federate(['-f', 'sarif']);
    expect(run.status).toBe(3);
    expect(sarifErrors(run.stdout)).toBeNull();
    const results = (JSON.parse(run.stdout) as { runs: { results: { ruleId: string; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[]; tool: { driver: { rules: { id: string }[] } } }[] }).runs[0]!;
    const failed = results.results.filter((result) => result.ruleId === 'federate-identity-failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.message.text).toContain(`identity ${forbidden}`);
    expect(failed[0]!.message.text).toMatch(/answered HTTP 403/);
    const conflict = results.results.filter((result) => result.ruleId === 'federate-credential-conflict');
    expect(conflict).toHaveLength(1);
    expect(conflict[0]!.message.text).toContain(`credential ${conflicting.name}`);
    expect(conflict[0]!.message.text).toContain(`identity ${conflicting.target.identityName}`);
    expect(conflict[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe(`file://${planFile}`);
    expect(conflict[0]!.locations[0]!.physicalLocation.region.startLine).toBe(1);
    expect(results.tool.driver.rules.map((rule) => rule.id)).toContain('federate-identity-unsupported-location');
  });

  it('csv: a row per credential with its state', async () => {
    const run = await federate(['-f', 'csv']);
    expect(run.status).toBe(3);
    const rows = parseCsv(run.stdout);
    expect(rows[0]).toEqual(['identity', 'resource_group', 'subscription', 'identity_status', 'credential', 'issuer', 'subject', 'serves', 'state', 'detail']);
    expect(rows.slice(1).filter((row) => row[3] !== 'unplaced')).toHaveLength(managed.length);
    const row = rows.find((entry) => entry[4] === conflicting.name && entry[0] === conflicting.target.identityName)!;
    expect(row[8]).toBe('conflict');
    expect(row[6]).toBe(conflicting.subject);
    expect(rows.filter((entry) => entry[0] === forbidden).every((entry) => entry[3] === 'failed')).toBe(true);
  });

  it('markdown and html name the identities, the states and the findings', async () => {
    const markdown = await federate(['-f', 'markdown']);
    expect(markdown.stdout).toMatch(/^## wimigrate federate\n/);
    expect(markdown.stdout).toContain(`| \`${forbidden}\` (failed) |`);
    expect(markdown.stdout).toMatch(new RegExp(`- \\*\\*${forbidden}\\*\\* .*answered HTTP 403`));
    expect(markdown.stdout).toContain(`| conflict | \`${conflicting.name}\` |`);
    expect(markdown.stdout).toContain('`federate-credential-conflict`');
    const html = await federate(['-f', 'html', '-o', path.join(work, 'federate.html')]);
    expect(html.status).toBe(3);
    const page = readFileSync(path.join(work, 'federate.html'), 'utf8');
    expect(page).toMatch(/^<!doctype html>\n/);
    expect(page).toContain('<code>federate-identity-failed</code>');
    expect(page).toContain(`<td>${conflicting.name}</td>`);
  });

  it('offline (--emit, Azure not read): every credential planned, no findings', async () => {
    const out = path.join(work, 'emitted');
    const run = await runCli(['federate', '--plan', planFile, '--emit', 'az', '--out', out, '-f', 'sarif'], { cwd: work, env: { WIMIGRATE_ARM_ACCESS_TOKEN: '' } });
    expect(run.status).toBe(0);
    expect(sarifErrors(run.stdout)).toBeNull();
    expect((JSON.parse(run.stdout) as { runs: { results: unknown[] }[] }).runs[0]!.results).toEqual([]);
    const csv = await runCli(['federate', '--plan', planFile, '--emit', 'az', '--out', out, '-f', 'csv'], { cwd: work, env: { WIMIGRATE_ARM_ACCESS_TOKEN: '' } });
    expect(parseCsv(csv.stdout).slice(1).map((row) => row[8])).toEqual(managed.map(() => 'planned'));
  });

  it('an unknown format is a usage error naming the formats', async () => {
    const run = await runCli(['federate', '--plan', planFile, '-f', 'pdf'], { cwd: work });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('sarif');
  });
});
