/**
 * verify --render on a real kube-apiserver (DESIGN §7): after `migrate --render --write` and a
 * rollout of what kubectl kustomize builds, every built workload passes under its built name;
 * without --render the plan names objects the cluster does not have.
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply, runCliAsync } from '../cluster/cluster-helpers.js';
import { clusterBinariesOrSkip, startCluster, type TestCluster } from '../cluster/kube-cluster.js';
import { kubectlAvailable, kubectlKustomize } from '../helpers/kubectl.js';

const binaries = clusterBinariesOrSkip();
const hasKubectl = kubectlAvailable();
const FIXTURE = path.join(import.meta.dirname, 'fixtures/shop');
const ISSUER = 'https://eastus.oic.prod-aks.azure.com/11111111-2222-3333-4444-555555555555/abcd/';
const ORDERS_CLIENT = '5d8e1f20-3a4b-4c5d-8e6f-7a8b9c0d1e2f';
const IDENTITY_MAP = `schemaVersion: 1
identities:
  - roleArn: arn:aws:iam::111122223333:role/orders
    resourceId: /subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/rg-shop/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-orders
    clientId: ${ORDERS_CLIENT}
`;

interface VerifyJson {
  passed: boolean;
  workloads: { kind: string; namespace: string; name: string; status: string; checks: { id: string; status: string; detail: string }[] }[];
}

describe.skipIf(binaries === null || !hasKubectl)('verify --render on a real kube-apiserver', () => {
  let cluster: TestCluster;
  let root: string;
  let flags: string[];

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'wimigrate-render-verify-'));
    cpSync(FIXTURE, root, { recursive: true });
    const mapFile = path.join(mkdtempSync(path.join(tmpdir(), 'wimigrate-render-map-')), 'identity-map.yaml');
    writeFileSync(mapFile, IDENTITY_MAP);
    flags = ['--render', '--issuer', ISSUER, '--identity-map', mapFile];
    const migrate = await runCliAsync(['migrate', '.', ...flags, '--write', '-q', '--fail-on', 'none'], { cwd: root });
    expect(migrate.status).toBe(0);
    cluster = await startCluster(binaries!, { controllerManager: false });
    // The rollout: what kubectl builds from each overlay (the pod identity CRDs are not installed here).
    const builds = await Promise.all(['prod', 'staging'].map((overlay) => kubectlKustomize(path.join(root, 'overlays', overlay))));
    const objects = builds.flatMap((built) =>
      parseAllDocuments(built)
        .map((doc) => doc.toJS() as Record<string, unknown>)
        .filter((object) => object.kind === 'ServiceAccount' || object.kind === 'Deployment'),
    );
    await apply(cluster, [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop-prod' } }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop-staging' } }]);
    await apply(cluster, objects);
  }, 180_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  it('checks every built workload under its built service account, and they pass', async () => {
    const run = await runCliAsync(['verify', '.', ...flags, '-f', 'json'], { cwd: root, env: { KUBECONFIG: cluster.kubeconfig } });
    const result = JSON.parse(run.stdout) as VerifyJson;
    expect(result.workloads.map((workload) => [`${workload.namespace}/${workload.name}`, workload.status])).toEqual([
      ['shop-prod/prod-billing', 'pass'],
      ['shop-prod/prod-orders-api', 'pass'],
      ['shop-staging/billing-staging', 'pass'],
      ['shop-staging/orders-api-staging', 'pass'],
    ]);
    const accounts = result.workloads.map((workload) => workload.checks.find((check) => check.id === 'service-account')?.detail);
    expect(accounts).toEqual([
      'shop-prod/prod-billing-identity-wi carries 3c9d2e41-7a5b-4f60-8e1d-2b3c4d5e6f70',
      `shop-prod/prod-orders carries ${ORDERS_CLIENT}`,
      'shop-staging/billing-identity-wi-staging carries 3c9d2e41-7a5b-4f60-8e1d-2b3c4d5e6f70',
      `shop-staging/orders-staging carries ${ORDERS_CLIENT}`,
    ]);
    expect(run.status).toBe(0);
  });

  it('without --render the plan names the source objects, which the cluster does not run', async () => {
    const run = await runCliAsync(['verify', '.', ...flags.slice(1), '-f', 'json'], { cwd: root, env: { KUBECONFIG: cluster.kubeconfig } });
    const result = JSON.parse(run.stdout) as VerifyJson;
    expect(result.passed).toBe(false);
    expect(result.workloads.every((workload) => workload.checks.some((check) => check.id === 'template-label' && check.detail.endsWith('does not exist in the cluster')))).toBe(true);
    expect(run.status).toBe(1);
  });
});
