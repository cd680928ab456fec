/**
 * Failures against a real kube-apiserver: a kind the credentials may not list (403), refused or
 * expired credentials (401), an unreachable server, a server stopped in the middle of a scan,
 * and a page token that expires (410 Gone after etcd compacts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { ClusterError, connect } from '../../src/sources/cluster/kube-client.js';
import { listObjects } from '../../src/sources/cluster/list-objects.js';
import { readCluster } from '../../src/sources/cluster/read-cluster.js';
import { apply, runCliAsync } from './cluster-helpers.js';
import { clusterBinariesOrSkip, startCluster, type TestCluster } from './kube-cluster.js';

const binaries = clusterBinariesOrSkip();
const FIXTURES = path.join(import.meta.dirname, 'fixtures');

function pod(namespace: string, name: string, labels: Record<string, string>): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, labels }, spec: { containers: [{ name: 'app', image: 'busybox' }] } };
}

describe.skipIf(binaries === null)('cluster faults on a real kube-apiserver', () => {
  let cluster: TestCluster;

  beforeAll(async () => {
    // No controller manager: pods are created directly and nothing else changes under the tests.
    cluster = await startCluster(binaries!, { controllerManager: false });
    await cluster.kubectl(['apply', '-f', path.join(FIXTURES, 'pod-identity-crds.yaml')]);
    await cluster.kubectl(['wait', '--for=condition=established', '--timeout=60s', 'crd', '--all']);
    await apply(cluster, [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'apps' } },
      ...Array.from({ length: 7 }, (_, index) => pod('apps', `worker-${index}`, { aadpodidbinding: 'apps' })),
      pod('apps', 'plain', { app: 'plain' }),
      { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'apps' }, spec: { serviceName: 'db', replicas: 0, selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'db', aadpodidbinding: 'apps' } }, spec: { containers: [{ name: 'db', image: 'postgres' }] } } } },
      { apiVersion: 'aadpodidentity.k8s.io/v1', kind: 'AzureIdentity', metadata: { name: 'apps', namespace: 'apps' }, spec: { type: 0, resourceID: '/subscriptions/1b2c3d4e-0000-4000-8000-000000000001/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/apps', clientID: '1b2c3d4e-0000-4000-8000-0000000000aa' } },
      { apiVersion: 'aadpodidentity.k8s.io/v1', kind: 'AzureIdentityBinding', metadata: { name: 'apps-binding', namespace: 'apps' }, spec: { azureIdentity: 'apps', selector: 'apps' } },
    ]);
  }, 120_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  it('the shipped read-only ClusterRole is enough for scan --cluster', async () => {
    const rbac = readFileSync(path.join(ROOT, 'docs/rbac/wimigrate-reader.yaml'), 'utf8').replace('kind: Group\n    name: wimigrate-readers', 'kind: User\n    name: reader');
    await cluster.kubectl(['apply', '-f', '-'], rbac);
    const run = await runCliAsync(['scan', '--cluster', '-f', 'json'], { env: { KUBECONFIG: cluster.readerKubeconfig } });
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { findings: { id: string }[]; summary: { identities: number; bindings: number }; cluster: { issuer: string | null; workloadIdentityWebhook: string } };
    expect(report.findings.filter((finding) => finding.id === 'cluster-forbidden')).toEqual([]);
    expect(report.summary).toMatchObject({ identities: 1, bindings: 1 });
    expect(report.cluster.issuer).not.toBeNull();
    expect(report.cluster.workloadIdentityWebhook).toBe('not-installed');
    await cluster.kubectl(['delete', 'clusterrolebinding', 'wimigrate-reader']);
  });

  it('a 403 on one kind is a finding and the scan goes on', async () => {
    // Everything but StatefulSets.
    const rbac = readFileSync(path.join(ROOT, 'docs/rbac/wimigrate-reader.yaml'), 'utf8')
      .replace('resources: [deployments, statefulsets, daemonsets, replicasets]', 'resources: [deployments, daemonsets, replicasets]')
      .replace('kind: Group\n    name: wimigrate-readers', 'kind: User\n    name: reader');
    await cluster.kubectl(['apply', '-f', '-'], rbac);
    const run = await runCliAsync(['scan', '--cluster', '-f', 'json', '--fail-on', 'warning'], { env: { KUBECONFIG: cluster.readerKubeconfig } });
    const report = JSON.parse(run.stdout) as { findings: { id: string; message: string; location: { file: string } }[]; inventory: { workloads: { kind: string; name: string }[] } };
    const forbidden = report.findings.filter((finding) => finding.id === 'cluster-forbidden');
    expect(forbidden).toHaveLength(1);
    expect(forbidden[0]!.message).toMatch(/^listing StatefulSet \(apps\/v1\) in all namespaces was refused: HTTP 403 Forbidden: statefulsets.apps is forbidden: User "reader" cannot list resource "statefulsets"/);
    expect(forbidden[0]!.location.file).toBe('k8s://test-reader/_all/StatefulSet');
    // The pods were still read.
    expect(report.inventory.workloads.filter((workload) => workload.kind === 'Pod')).toHaveLength(7);
    expect(run.status).toBe(1);
    await cluster.kubectl(['delete', 'clusterrolebinding', 'wimigrate-reader']);
  });

  it('facts: MIC/NMI, assigned identities, and an owner of a kind wimigrate does not read', async () => {
    await apply(cluster, [
      { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'nmi', namespace: 'kube-system', labels: { component: 'nmi' } }, spec: { selector: { matchLabels: { component: 'nmi' } }, template: { metadata: { labels: { component: 'nmi' } }, spec: { containers: [{ name: 'nmi', image: 'mcr.microsoft.com/oss/azure/aad-pod-identity/nmi:v1.8.17' }] } } } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'mic', namespace: 'kube-system' }, spec: { replicas: 0, selector: { matchLabels: { component: 'mic' } }, template: { metadata: { labels: { component: 'mic' } }, spec: { containers: [{ name: 'mic', image: 'mcr.microsoft.com/oss/azure/aad-pod-identity/mic:v1.8.17' }] } } } },
      { apiVersion: 'aadpodidentity.k8s.io/v1', kind: 'AzureAssignedIdentity', metadata: { name: 'worker-0-apps-apps', namespace: 'apps' }, spec: { Pod: 'worker-0', PodNamespace: 'apps' } },
      // An Argo Rollout's ReplicaSet (no controller manager runs here to collect it).
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'canary-5d9f', namespace: 'apps', ownerReferences: [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'canary', uid: '0b1e7c9a-0000-4000-8000-000000000001', controller: true }] }, spec: { replicas: 0, selector: { matchLabels: { app: 'canary' } }, template: { metadata: { labels: { app: 'canary', aadpodidbinding: 'apps' } }, spec: { containers: [{ name: 'app', image: 'busybox' }] } } } },
    ]);
    const run = await runCliAsync(['scan', '--cluster', '-f', 'json'], { env: { KUBECONFIG: cluster.kubeconfig } });
    const report = JSON.parse(run.stdout) as { findings: { id: string; message: string; location: { file: string } }[]; inventory: { workloads: { kind: string; name: string }[] }; cluster: { podIdentity: { installed: boolean; components: string[] }; assignedIdentities: number } };
    expect(report.cluster.podIdentity).toMatchObject({ installed: true, components: ['MIC (Deployment kube-system/mic)', 'NMI (DaemonSet kube-system/nmi)'] });
    expect(report.cluster.assignedIdentities).toBe(1);
    const unknown = report.findings.filter((finding) => finding.id === 'cluster-unknown-owner');
    expect(unknown.map((finding) => [finding.location.file, finding.message])).toEqual([
      ['k8s://test-admin/apps/ReplicaSet/canary-5d9f', 'ReplicaSet apps/canary-5d9f is controlled by Rollout canary (argoproj.io/v1alpha1), which wimigrate did not read; it and what it owns were left out'],
    ]);
    expect(report.inventory.workloads.map((workload) => workload.name)).not.toContain('canary-5d9f');
    expect(run.status).toBe(0);
  });

  it('refused (expired) credentials end with a clear message and exit code 3', async () => {
    const run = await runCliAsync(['scan', '--cluster'], { env: { KUBECONFIG: cluster.expiredKubeconfig } });
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(/refused the credentials of context test-expired .*HTTP 401.*may have expired/);
    expect(run.stdout).toBe('');
  });

  it('an unreachable cluster ends with a clear message and exit code 3', async () => {
    const kubeconfig = path.join(cluster.dir, 'nowhere.kubeconfig');
    writeFileSync(kubeconfig, readFileSync(cluster.kubeconfig, 'utf8').replace(cluster.server, 'https://127.0.0.1:1'));
    const run = await runCliAsync(['verify', '--plan', path.join(FIXTURES, 'empty-plan.json')], { env: { KUBECONFIG: kubeconfig } });
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(/^wimigrate: cannot reach the API server https:\/\/127\.0\.0\.1:1 \(context test-admin\): .*ECONNREFUSED/);
    const unknown = await runCliAsync(['scan', '--cluster', '--context', 'nope'], { env: { KUBECONFIG: cluster.kubeconfig } });
    expect(unknown.status).toBe(3);
    expect(unknown.stderr).toContain('no context "nope" in the kubeconfig (known: test-admin)');
  });

  it('a page token that expires (410 Gone) makes the list start again, and it is reported', async () => {
    const client = connect({ kubeconfig: cluster.kubeconfig });
    let compacted = 0;
    const read = await readCluster(client, {
      namespace: 'apps',
      pods: 'labelled',
      pageSize: 2,
      hooks: {
        afterPage: async (listPath, page) => {
          if (!listPath.endsWith('/pods') || page !== 1 || compacted > 0) return;
          compacted++;
          // A write moves the revision on; compacting at it expires the token of page 1.
          await cluster.kubectl(['create', 'configmap', '-n', 'apps', 'bump']);
          await cluster.compactEtcd();
        },
      },
    });
    expect(compacted).toBe(1);
    expect(read.findings.map((finding) => finding.id)).toContain('cluster-list-restarted');
    expect(read.kinds.find((kind) => kind.kind === 'Pod')).toMatchObject({ status: 'read', count: 7 });
    expect(read.pods.map((entry) => entry.name).sort()).toEqual(Array.from({ length: 7 }, (_, index) => `worker-${index}`));
  });

  it('lists are paginated with limit and continue', async () => {
    const client = connect({ kubeconfig: cluster.kubeconfig });
    const outcome = await listObjects(client, '/api/v1/namespaces/apps/pods', {}, {}, 3);
    expect(outcome).toMatchObject({ kind: 'ok', pages: 3, restarts: 0 });
    expect(outcome.kind === 'ok' && outcome.items.length).toBe(8);
  });

  it('an API server stopped in the middle of a scan is an external failure, not a partial report', async () => {
    const client = connect({ kubeconfig: cluster.kubeconfig, timeoutMs: 10_000 });
    let stopped = false;
    const scan = readCluster(client, {
      namespace: 'apps',
      pods: 'labelled',
      pageSize: 2,
      hooks: {
        afterPage: async (listPath, page) => {
          if (!listPath.endsWith('/pods') || page !== 1 || stopped) return;
          stopped = true;
          await cluster.stopApiServer();
        },
      },
    });
    await expect(scan).rejects.toThrow(ClusterError);
    await expect(scan).rejects.toThrow(/cannot reach the API server https:\/\/127\.0\.0\.1:\d+ \(context test-admin\)/);
    expect(stopped).toBe(true);
    await cluster.startApiServer();
  });
});
