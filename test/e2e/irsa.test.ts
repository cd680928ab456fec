/** The built CLI, end to end, on a temporary copy of samples/irsa. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { copyToTemp, ROOT, runCli, treeHash } from '../helpers/cli.js';

const SAMPLE = path.join(ROOT, 'samples/irsa');
let work: string;

beforeEach(() => {
  work = copyToTemp(SAMPLE);
});

const read = (file: string) => readFileSync(path.join(work, file), 'utf8');

describe('IRSA to Workload ID', () => {
  it('prepare: client ids or placeholders, labels and pod annotations; a second run changes nothing', async () => {
    const write = await runCli(['migrate', '.', '--write'], { cwd: work });
    expect(write.status).toBe(0);
    expect(read('apps/orders/serviceaccount.yaml')).toContain('azure.workload.identity/client-id: "3c9d2e41-7a5b-4f60-8e1d-2b3c4d5e6f70"');
    expect(read('apps/orders/serviceaccount.yaml')).toContain('eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/orders-api');
    expect(read('apps/orders/serviceaccount.yaml')).toContain('azure.workload.identity/service-account-token-expiration: "3600"');
    expect(read('apps/orders/deployment.yaml')).toContain('azure.workload.identity/skip-containers: "istio-proxy;vault-agent"');
    expect(read('apps/reports/reports.yaml')).toContain('azure.workload.identity/client-id: wimigrate-pending:id-reports');
    expect(read('apps/billing/billing.yaml')).toContain('azure.workload.identity/client-id: wimigrate-pending:billing-invoicer-prod');
    // Look-alikes are left alone.
    expect(read('platform/look-alikes.yaml')).toBe(readFileSync(path.join(SAMPLE, 'platform/look-alikes.yaml'), 'utf8'));
    expect(write.stderr).toMatch(/client-id-pending: reports\/default carries a placeholder client id until managed identity id-reports/);
    const written = treeHash(work);
    const again = await runCli(['migrate', '.'], { cwd: work });
    expect(again.stdout).toBe('');
    expect(treeHash(work)).toEqual(written);
  });

  it('cutover removes the EKS annotations and env; a completed identity map then fills in the placeholders', async () => {
    const cutover = await runCli(['migrate', '.', '--write', '--phase', 'cutover'], { cwd: work });
    expect(cutover.status).toBe(0);
    const reports = read('apps/reports/reports.yaml');
    expect(reports).not.toContain('eks.amazonaws.com/');
    expect(read('apps/orders/deployment.yaml')).not.toMatch(/AWS_ROLE_ARN|AWS_WEB_IDENTITY_TOKEN_FILE|eks\.amazonaws\.com/);
    expect(read('apps/orders/deployment.yaml')).toContain('name: AWS_REGION');

    // The identity was created since: its client id goes into the map, and the next run uses it.
    const map = read('identity-map.yaml').replace('    location: westeurope\n', '    location: westeurope\n    clientId: 9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d\n');
    writeFileSync(path.join(work, 'identity-map.yaml'), map);
    const fill = await runCli(['migrate', '.', '--phase', 'cutover'], { cwd: work });
    expect(fill.stdout).toContain('-    azure.workload.identity/client-id: wimigrate-pending:id-reports');
    expect(fill.stdout).toContain('+    azure.workload.identity/client-id: 9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d');
    expect(fill.stdout.match(/^diff --git/gm)).toHaveLength(1);
    expect(fill.stderr).not.toContain('client-id-pending: reports/default');
  });

  it('plan lists the identities to create, their credentials and the pending client ids', async () => {
    const plan = await runCli(['plan', '.', '--format', 'json'], { cwd: work });
    expect(plan.status).toBe(0);
    const report = JSON.parse(plan.stdout) as { plan: { roleIdentities: { name: string; source: string; clientId: string | null }[]; federatedCredentials: { subject: string; target: { kind: string; resourceId?: string } }[] } };
    expect(report.plan.roleIdentities.map((identity) => [identity.name, identity.source, identity.clientId])).toEqual([
      ['billing-invoicer-prod', 'new', null],
      ['id-orders-api', 'identity-map', '3c9d2e41-7a5b-4f60-8e1d-2b3c4d5e6f70'],
      // From the EKS Pod Identity association in aws/pod-identity/.
      ['payments-api', 'new', null],
      ['id-reports', 'identity-map', null],
      ['archiver', 'new', null],
    ]);
    const archiver = report.plan.federatedCredentials.find((credential) => credential.subject === 'system:serviceaccount:reports:archiver');
    expect(archiver?.target).toMatchObject({ kind: 'managed-identity', resourceId: '/subscriptions/2f6b7a10-4c1e-4d2a-9b3c-5e6f7a8b9c0d/resourceGroups/rg-workload-identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/archiver' });
  });

  it('AWS inputs: an association migrates like IRSA, a trust policy wildcard becomes one credential per account, policies give role suggestions', async () => {
    // A second account the trust policy's orders-* pattern covers.
    writeFileSync(path.join(work, 'apps/orders/worker.yaml'), 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: orders-worker\n  namespace: orders\n');
    const plan = await runCli(['plan', '.', '--format', 'json'], { cwd: work });
    const report = JSON.parse(plan.stdout) as { plan: { federatedCredentials: { subject: string; identity: { name: string } }[]; roleAssignments: { identityName: string; azureRole: string; scope: null; suggestionOnly: boolean }[]; irsaWorkloads: { ref: { name: string } }[] } };
    const subjects = report.plan.federatedCredentials.map((credential) => `${credential.identity.name} ${credential.subject}`);
    expect(subjects).toContain('id-orders-api system:serviceaccount:orders:orders-worker');
    expect(subjects).toContain('payments-api system:serviceaccount:payments:payments-api');
    expect(report.plan.irsaWorkloads.map((workload) => workload.ref.name)).toContain('payments-api');
    expect(report.plan.roleAssignments.map((entry) => `${entry.identityName}: ${entry.azureRole}`)).toEqual(
      expect.arrayContaining(['id-orders-api: Storage Blob Data Reader', 'id-orders-api: Key Vault Secrets User']),
    );
    expect(report.plan.roleAssignments.every((entry) => entry.scope === null && entry.suggestionOnly)).toBe(true);
    // The inputs are inputs, not manifests: the plan reads no document from them.
    const scan = await runCli(['scan', '.', '--format', 'json'], { cwd: work });
    expect(scan.stdout).not.toContain('aws/roles');

    // An unreadable input is an error finding; the rest is still planned.
    writeFileSync(path.join(work, 'aws/roles/broken.json'), '{"Role": ');
    const broken = await runCli(['plan', '.'], { cwd: work });
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/aws\/roles\/broken\.json:1:1 +error +aws-input-unreadable/);
    expect(broken.stdout).toContain('wimigrate-orders-orders-worker');
  });

  it('a broken identity map exits 2 naming the file and line', async () => {
    writeFileSync(path.join(work, 'identity-map.yaml'), 'schemaVersion: 1\nidentities:\n  - roleArn: arn:aws:iam::111122223333:role/orders-api\n    nmae: id-orders\n');
    const run = await runCli(['migrate', '.'], { cwd: work });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/identity-map\.yaml:4:5: identities\[0\]: unknown field "nmae"/);
    const missing = await runCli(['migrate', '.', '--identity-map', 'nope.yaml'], { cwd: work });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/nope\.yaml: cannot read the identity map \(ENOENT\)/);
  });
});
