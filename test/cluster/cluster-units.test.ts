/** The pure parts of cluster mode, without a cluster. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLUSTER_FINDINGS } from '../../src/sources/cluster/cluster-findings.js';
import { isAksIssuer } from '../../src/sources/cluster/cluster-facts.js';
import { stripServerFields } from '../../src/sources/cluster/live-document.js';
import { topOwners } from '../../src/sources/cluster/top-owner.js';
import { rewrittenObjects } from '../../src/pipeline/rewritten-objects.js';
import { credentialKey, verifyRollout } from '../../src/pipeline/verify-rollout.js';
import { formatLocation } from '../../src/reporters/format-location.js';
import { ROOT } from '../helpers/cli.js';

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

describe('README documents every cluster finding with its severity', () => {
  it.each(Object.entries(CLUSTER_FINDINGS).map(([id, rule]) => [id, rule.severity]))('%s (%s)', (id, severity) => {
    expect(readme).toMatch(new RegExp(`^\\| \`${id}\` \\| ${severity} \\|`, 'm'));
  });
});

describe('isAksIssuer', () => {
  it.each([
    ['https://eastus.oic.prod-aks.azure.com/7c1e9d2a-4b3f-4e8a-b6c5-2a1d3e4f5a6b/5e0b7f3c-9d1a-4c2e-8f6b-3a4d5c6e7f80/', true],
    ['https://eastus.oic.prod-aks.azure.com/7c1e9d2a-4b3f-4e8a-b6c5-2a1d3e4f5a6b/5e0b7f3c-9d1a-4c2e-8f6b-3a4d5c6e7f80', false],
    ['https://kubernetes.default.svc.cluster.local', false],
    ['https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE', false],
  ])('%s -> %s', (issuer, expected) => {
    expect(isAksIssuer(issuer)).toBe(expected);
  });
});

describe('stripServerFields', () => {
  it('drops status, managedFields and server-set metadata, keeps what the user wrote', async () => {
    const stripped = stripServerFields(
      {
        metadata: {
          name: 'web', namespace: 'shop', uid: 'u1', resourceVersion: '42', generation: 3, creationTimestamp: '2024-01-01T00:00:00Z',
          managedFields: [{ manager: 'kubectl' }], ownerReferences: [{ uid: 'x' }], labels: { app: 'web' },
          annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}', 'deployment.kubernetes.io/revision': '3', team: 'a' },
        },
        spec: { replicas: 2 },
        status: { readyReplicas: 2 },
      },
      'apps/v1',
      'Deployment',
    );
    expect(stripped).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' }, annotations: { team: 'a' } }, spec: { replicas: 2 } });
  });
});

describe('topOwners', () => {
  const item = (kind: string, name: string, uid: string, owner?: { kind: string; name: string; uid: string }) => ({
    apiVersion: 'v1', kind, metadata: { name, namespace: 'ns', uid, ...(owner ? { ownerReferences: [{ apiVersion: 'x/v1', controller: true, ...owner }] } : {}) },
  });
  it('walks pod -> ReplicaSet -> Deployment and reports an owner that was not read', async () => {
    const index = new Map(
      [
        item('Deployment', 'web', 'd1'),
        item('ReplicaSet', 'web-1', 'r1', { kind: 'Deployment', name: 'web', uid: 'd1' }),
        item('Pod', 'web-1-a', 'p1', { kind: 'ReplicaSet', name: 'web-1', uid: 'r1' }),
        item('ReplicaSet', 'canary-1', 'r2', { kind: 'Rollout', name: 'canary', uid: 'ro1' }),
        item('Pod', 'canary-1-a', 'p2', { kind: 'ReplicaSet', name: 'canary-1', uid: 'r2' }),
      ].map((entry) => [entry.metadata.uid, entry as Record<string, unknown>]),
    );
    const walk = topOwners(index, 'ctx');
    expect(walk.top.get('p1')).toMatchObject({ kind: 'Deployment', name: 'web', known: true });
    expect(walk.top.get('p2')).toMatchObject({ kind: 'Rollout', name: 'canary', known: false });
    expect([...walk.controlled].sort()).toEqual(['p1', 'p2', 'r1']);
    expect([...walk.orphaned]).toEqual(['r2']);
    expect(walk.findings.map((finding) => [finding.id, finding.location.file])).toEqual([['cluster-unknown-owner', 'k8s://ctx/ns/ReplicaSet/canary-1']]);
  });
});

describe('formatLocation', () => {
  it('prints a cluster reference without a line', async () => {
    expect(formatLocation({ file: 'k8s://ctx/ns/Deployment/web', line: 0, col: 0 })).toBe('k8s://ctx/ns/Deployment/web');
    expect(formatLocation({ file: 'a.yaml', line: 3, col: 1 })).toBe('a.yaml:3:1');
  });
});

describe('rewrittenObjects', () => {
  it('finds the changed and created objects even when a document is inserted before them', async () => {
    const before = 'kind: Service\napiVersion: v1\nmetadata: {name: s}\n---\nkind: Deployment\napiVersion: apps/v1\nmetadata: {name: d}\nspec: {replicas: 1}\n';
    const after = 'kind: ServiceAccount\napiVersion: v1\nmetadata: {name: sa}\n---\nkind: Service\napiVersion: v1\nmetadata: {name: s}\n---\nkind: Deployment\napiVersion: apps/v1\nmetadata: {name: d}\nspec: {replicas: 2}\n';
    const objects = rewrittenObjects([{ file: 'f.yaml', format: 'yaml', before, after, skipped: [] }]);
    expect(objects.map((entry) => [String(entry.object.kind), entry.location.line])).toEqual([['ServiceAccount', 1], ['Deployment', 9]]);
  });
});

describe('verifyRollout', () => {
  const plan = {
    workloads: [{ key: 'k', ref: { namespace: 'ns', name: 'web' }, kind: 'Deployment', serviceAccount: { namespace: 'ns', name: 'web-wi' }, identities: [], proxySidecar: false }],
    serviceAccounts: [{ ref: { namespace: 'ns', name: 'web-wi' }, action: 'create' as const, clientId: 'c1', tenantId: null, identity: { namespace: 'ns', name: 'id' }, workloads: ['k'] }],
    irsaWorkloads: [],
    irsaServiceAccounts: [],
  };
  const deployment = (labels: Record<string, string>) => ({ metadata: { name: 'web', namespace: 'ns' }, spec: { template: { metadata: { labels } } } });
  const account = (clientId: string) => ({ metadata: { name: 'web-wi', namespace: 'ns', annotations: { 'azure.workload.identity/client-id': clientId } } });
  const livePod = (labels: Record<string, string>, injected: boolean) => ({
    namespace: 'ns', name: 'web-a', ref: 'r', labels, serviceAccountName: 'web-wi',
    env: injected ? ['AZURE_FEDERATED_TOKEN_FILE'] : [], projectedTokenPaths: injected ? ['azure-identity-token:api://AzureADTokenExchange:azure-identity-token'] : [],
    owner: { kind: 'Deployment', namespace: 'ns', name: 'web', ref: 'r', known: true },
  });
  it('passes a rolled-out workload and fails a wrong client id and an uninjected pod', async () => {
    const good = verifyRollout(plan, 'prepare', { items: new Map([['Deployment', [deployment({ 'azure.workload.identity/use': 'true' })]], ['ServiceAccount', [account('c1')]]]), pods: [livePod({ 'azure.workload.identity/use': 'true' }, true)], unread: new Set() });
    expect(good.passed).toBe(true);
    const bad = verifyRollout(plan, 'prepare', { items: new Map([['Deployment', [deployment({ 'azure.workload.identity/use': 'true' })]], ['ServiceAccount', [account('other')]]]), pods: [livePod({ 'azure.workload.identity/use': 'true' }, false)], unread: new Set() });
    expect(bad.passed).toBe(false);
    expect(bad.workloads[0]!.checks.filter((check) => check.status === 'fail').map((check) => check.id)).toEqual(['service-account', 'pods-injected']);
  });
  it('with --azure, the planned credentials of the service account must exist (any name); app registrations are not read', async () => {
    const issuer = 'https://eastus.oic.prod-aks.azure.com/t/c/';
    const resourceId = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-web';
    const credential = (subject: string, target: Record<string, unknown>) => ({ name: 'n', issuer, subject, audiences: ['api://AzureADTokenExchange'], target, identity: { namespace: 'ns', name: 'id' }, serviceAccount: { namespace: 'ns', name: 'web-wi' } });
    const managed = { kind: 'managed-identity', subscriptionId: 's', resourceGroup: 'rg', identityName: 'id-web', resourceId };
    const withCredentials = { ...plan, federatedCredentials: [credential('system:serviceaccount:ns:web-wi', managed), credential('system:serviceaccount:ns:web-wi', { kind: 'app-registration', clientId: 'app-1' })] } as unknown as Parameters<typeof verifyRollout>[0];
    const live = { items: new Map([['Deployment', [deployment({ 'azure.workload.identity/use': 'true' })]], ['ServiceAccount', [account('c1')]]]), pods: [livePod({ 'azure.workload.identity/use': 'true' }, true)], unread: new Set<string>() };
    const check = (azure?: Parameters<typeof verifyRollout>[3]) => verifyRollout(withCredentials, 'prepare', live, azure).workloads[0]!.checks.find((entry) => entry.id === 'federated-credentials')!;

    expect(check().status).toBe('skipped');
    const present = check(new Map([[resourceId.toLowerCase(), { found: new Set([credentialKey(issuer, 'system:serviceaccount:ns:web-wi')]) }]]));
    expect(present).toMatchObject({ status: 'pass' });
    expect(present.detail).toContain('app registration app-1, not read');
    const missing = check(new Map([[resourceId.toLowerCase(), { found: new Set([credentialKey(issuer, 'system:serviceaccount:ns:other')]) }]]));
    expect(missing).toMatchObject({ status: 'fail' });
    expect(missing.detail).toContain('identity id-web has no credential for system:serviceaccount:ns:web-wi');
    const failed = check(new Map([[resourceId.toLowerCase(), { error: 'federatedIdentityCredentials.list answered HTTP 403 AuthorizationFailed' }]]));
    expect(failed).toMatchObject({ status: 'fail', detail: expect.stringContaining('HTTP 403') });
    expect(verifyRollout(withCredentials, 'prepare', live, new Map()).passed).toBe(false);
  });

  it('at cutover, a leftover binding and the old label fail', async () => {
    const result = verifyRollout(plan, 'cutover', {
      items: new Map<string, Record<string, unknown>[]>([['Deployment', [deployment({ 'azure.workload.identity/use': 'true', aadpodidbinding: 'web' })]], ['ServiceAccount', [account('c1')]], ['AzureIdentityBinding', [{ metadata: { name: 'b', namespace: 'ns' } }]]]),
      pods: [],
      unread: new Set(),
    });
    expect(result.leftovers).toEqual(['AzureIdentityBinding ns/b']);
    expect(result.workloads[0]!.checks.filter((check) => check.status === 'fail').map((check) => check.id)).toEqual(['no-pod-identity-label', 'pod-identity-removed']);
  });
});

describe('cluster commands without a cluster', () => {
  it('no kubeconfig at all: a clear message and exit code 3', async () => {
    const { runCli } = await import('../helpers/cli.js');
    const { mkdtempSync } = await import('node:fs');
    const os = await import('node:os');
    const home = mkdtempSync(path.join(os.tmpdir(), 'wimigrate-home-'));
    const run = await runCli(['scan', '--cluster'], { env: { KUBECONFIG: '', HOME: home, KUBERNETES_SERVICE_HOST: '' } });
    expect(run.status).toBe(3);
    expect(run.stderr).toBe('wimigrate: no kubeconfig found: set KUBECONFIG, pass --kubeconfig, or write ~/.kube/config (az aks get-credentials)\n');
  });

  it('--namespace and --all-namespaces together are a usage error', async () => {
    const { runCli } = await import('../helpers/cli.js');
    const run = await runCli(['scan', '--cluster', '-n', 'a', '-A']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--namespace and --all-namespaces exclude each other');
  });

  it('verify --plan with something that is not a plan is a usage error naming the file', async () => {
    const { runCli } = await import('../helpers/cli.js');
    const run = await runCli(['verify', '--plan', 'package.json']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^wimigrate: --plan package\.json: not a wimigrate plan/);
  });
});
