/**
 * scan --cluster, drift, verify and migrate --validate-server end to end on a real
 * kube-apiserver + kube-controller-manager with the pod identity CRDs, a Workload ID webhook and
 * the samples/pod-identity scenarios created in it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyToTemp, ROOT } from '../helpers/cli.js';
import { parseCsv, sarifErrors } from '../helpers/report-formats.js';
import { FakeArm } from '../azure/fake-arm-server.js';
import { onManagedIdentities, plannedCredentials, seedIdentities } from '../azure/planned-credentials.js';
import { apply, clusterObjects, markReady, pods, runCliAsync, until } from './cluster-helpers.js';
import { startInjectionWebhook, type InjectionWebhook } from './injection-webhook.js';
import { connect } from '../../src/sources/cluster/kube-client.js';
import { makeDryRun } from '../../src/sources/cluster/server-dry-run.js';
import { clusterBinariesOrSkip, startCluster, TEST_ISSUER, type TestCluster } from './kube-cluster.js';

const binaries = clusterBinariesOrSkip();
const SAMPLES = path.join(ROOT, 'samples/pod-identity');
const FIXTURES = path.join(import.meta.dirname, 'fixtures');

describe.skipIf(binaries === null)('on a real kube-apiserver', () => {
  let cluster: TestCluster;
  let webhook: InjectionWebhook;
  let env: Record<string, string>;

  beforeAll(async () => {
    cluster = await startCluster(binaries!);
    env = { KUBECONFIG: cluster.kubeconfig };
    webhook = await startInjectionWebhook(cluster.dir);
    await cluster.kubectl(['apply', '-f', path.join(FIXTURES, 'pod-identity-crds.yaml'), '-f', path.join(FIXTURES, 'secrets-store-crd.yaml')]);
    await cluster.kubectl(['wait', '--for=condition=established', '--timeout=60s', 'crd', '--all']);
    await cluster.kubectl(['apply', '-f', '-'], webhook.configuration);
    await apply(cluster, clusterObjects(SAMPLES));
    // kube-controller-manager turns Deployments into ReplicaSets into pods.
    await until('the uploader pod', async () => (await pods(cluster, 'uploads', 'aadpodidbinding')).length === 1);
    await until('the ledger pods', async () => (await pods(cluster, 'payments', 'aadpodidbinding')).length >= 3);
  }, 180_000);

  afterAll(async () => {
    await webhook?.close();
    await cluster?.stop();
  });

  it('scan --cluster reads the samples back: identities, bindings, workloads at their top owner, facts', async () => {
    const run = await runCliAsync(['scan', '--cluster', '-f', 'json'], { env });
    expect(run.stderr).toContain(`using the cluster's issuer ${TEST_ISSUER}`);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as {
      summary: { identities: number; bindings: number; exceptions: number };
      inventory: { workloads: { kind: string; namespace: string; name: string; location: { file: string } }[] };
      findings: { id: string; location: { file: string } }[];
      plan: { issuer: string; federatedCredentials: unknown[] };
      cluster: { version: string; issuer: string; issuerIsAks: boolean; workloadIdentityWebhook: string; kinds: { kind: string; apiVersion: string; status: string }[]; labelledPods: { workload: string; pods: number }[] };
    };
    expect(report.summary).toMatchObject({ identities: 13, bindings: 14, exceptions: 1 });
    expect(report.cluster).toMatchObject({ version: 'v1.20.2', issuer: TEST_ISSUER, issuerIsAks: true, workloadIdentityWebhook: 'installed' });
    // Kubernetes 1.20 serves CronJob in batch/v1beta1 only.
    expect(report.cluster.kinds.find((kind) => kind.kind === 'CronJob')).toEqual({ kind: 'CronJob', apiVersion: 'batch/v1beta1', status: 'read', count: 2 });
    const workloads = report.inventory.workloads.map((workload) => `${workload.kind} ${workload.namespace}/${workload.name}`);
    // Top owners only: the Deployment, not its ReplicaSet or pods; the CronJob, even with no pod.
    expect(workloads).toContain('Deployment payments/ledger-api');
    expect(workloads).toContain('CronJob payments/settlement');
    expect(workloads).toContain('Pod tools/az-debug');
    expect(workloads.some((name) => name.startsWith('ReplicaSet'))).toBe(false);
    expect(report.inventory.workloads.find((workload) => workload.name === 'ledger-api')?.location.file).toBe('k8s://test-admin/payments/Deployment/ledger-api');
    expect(report.cluster.labelledPods).toContainEqual({ workload: 'Deployment payments/ledger-api', pods: 2 });
    expect(report.plan.issuer).toBe(TEST_ISSUER);
    expect(report.plan.federatedCredentials.length).toBeGreaterThan(0);
    // The same analyzers as on files.
    expect(report.findings.map((finding) => finding.id)).toEqual(expect.arrayContaining(['several-identities-on-selector', 'label-in-immutable-selector', 'label-without-binding']));
  });

  it('scan --cluster --namespace reads one namespace; text output shows the facts', async () => {
    const run = await runCliAsync(['scan', '--cluster', '--namespace', 'payments'], { env });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Kubernetes v1.20.2; namespace payments');
    expect(run.stdout).toContain('Workload ID webhook installed');
    expect(run.stdout).toContain('Deployment payments/ledger-api  selector payments');
    expect(run.stdout).not.toContain('uploads/uploader');
    const markdown = await runCliAsync(['scan', '--cluster', '-n', 'payments', '-f', 'markdown'], { env });
    expect(markdown.stdout).toContain('## Cluster `test-admin`');
    expect(markdown.stdout).toContain('| CronJob | batch/v1beta1 | 1 |');
    expect(markdown.stdout).toContain('| Workload ID webhook | installed |');
    // The other report formats show what the files would: SARIF for code scanning, CSV rows.
    const sarif = await runCliAsync(['scan', '--cluster', '-n', 'payments', '-f', 'sarif'], { env });
    const log = JSON.parse(sarif.stdout) as { version: string; runs: { results: { ruleId: string }[] }[] };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]!.results.length).toBeGreaterThan(0);
    const csv = await runCliAsync(['scan', '--cluster', '-n', 'payments', '-f', 'csv'], { env });
    expect(csv.stdout).toContain('payments/ledger-api');
  });

  it('scan --cluster PATHS reports drift both ways', async () => {
    const dir = copyToTemp(SAMPLES);
    // A workload only the cluster has, and one only the files have.
    await apply(cluster, [{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'hand-made', namespace: 'tools' }, spec: { replicas: 0, selector: { matchLabels: { app: 'hand-made' } }, template: { metadata: { labels: { app: 'hand-made', aadpodidbinding: 'tools-debug' } }, spec: { containers: [{ name: 'app', image: 'busybox' }] } } } }]);
    const run = await runCliAsync(['scan', '--cluster', '.', '-f', 'json'], { env, cwd: dir });
    const report = JSON.parse(run.stdout) as { cluster: { drift: { notInFiles: { kind: string; name: string }[]; notInCluster: { kind: string; name: string; location: { file: string } }[] } }; findings: { id: string }[] };
    expect(report.cluster.drift.notInFiles.map((item) => `${item.kind} ${item.name}`)).toEqual(['Deployment hand-made']);
    // The Argo Rollout is not in this cluster (no CRD).
    expect(report.cluster.drift.notInCluster.map((item) => `${item.kind} ${item.name} ${item.location.file}`)).toEqual(['Rollout search-indexer apps/search/search-indexer.yaml']);
    expect(report.findings.filter((finding) => finding.id.startsWith('drift-')).map((finding) => finding.id).sort()).toEqual(['drift-not-in-cluster', 'drift-not-in-files']);
    await cluster.kubectl(['delete', 'deployment', '-n', 'tools', 'hand-made']);
  });

  it('migrate --validate-server reports the API server\'s answer per rewritten document', async () => {
    const dir = copyToTemp(SAMPLES);
    const run = await runCliAsync(['migrate', '--validate-server', '.', '-f', 'json'], { env, cwd: dir });
    const report = JSON.parse(run.stdout) as { serverValidation: { file: string; kind: string; name: string; status: string; message: string }[]; findings: { id: string; message: string }[] };
    const answer = (kind: string, name: string) => report.serverValidation.find((entry) => entry.kind === kind && entry.name === name);
    expect(answer('Deployment', 'ledger-api')).toMatchObject({ status: 'accepted', file: 'apps/payments/ledger-api.yaml' });
    expect(answer('ServiceAccount', 'uploader-wi')).toMatchObject({ status: 'accepted' });
    // A Job's pod template is immutable: the API server says so before the change is merged.
    expect(answer('Job', 'nightly-export')).toMatchObject({ status: 'rejected' });
    expect(answer('Job', 'nightly-export')?.message).toMatch(/HTTP 422 Invalid.*field is immutable/s);
    // batch/v1 CronJob does not exist on this 1.20 server.
    expect(answer('CronJob', 'settlement')?.message).toBe('the server does not serve CronJob in batch/v1');
    expect(report.findings.filter((finding) => finding.id === 'server-validation-failed').length).toBe(report.serverValidation.filter((entry) => entry.status === 'rejected').length);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/apps\/payments\/ledger-api\.yaml:2:1: Deployment ledger-api: accepted by test-admin/);
    // Dry run: nothing was created.
    expect(await cluster.api('GET', '/api/v1/namespaces/uploads/serviceaccounts/uploader-wi').then((response) => response.status)).toBe(404);
  });

  it('migrate --validate-server catches a schema error', async () => {
    const dir = copyToTemp(SAMPLES);
    const file = path.join(dir, 'apps/uploads/uploader.yaml');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, readFileSync(file, 'utf8').replace('- containerPort: 3000', '- containerPort: "three thousand"'));
    const run = await runCliAsync(['migrate', '--validate-server', 'apps/uploads', 'platform'], { env, cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/apps\/uploads\/uploader\.yaml:21:1: Deployment uploader: rejected by test-admin: HTTP \d+.*containerPort/);
  });

  it('a dry run falls back to create or merge patch where server-side apply of 1.20 cannot type the object', async () => {
    const client = connect({ kubeconfig: cluster.kubeconfig });
    const dryRun = makeDryRun(client, 'default');
    // Valid, but 1.20's server-side apply rejects a port without `protocol` (500).
    const service = (name: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'orders' }, spec: { selector: { app: 'x' }, ports: [{ port: 80, targetPort: 8080 }] } });
    const existing = await dryRun(service('orders-api'));
    expect(existing, existing.message).toMatchObject({ status: 'accepted', httpStatus: 200 });
    expect(await dryRun(service('brand-new'))).toMatchObject({ status: 'accepted', httpStatus: 201 });
    expect(await cluster.api('GET', '/api/v1/namespaces/orders/services/brand-new').then((response) => response.status)).toBe(404);
    const broken = await dryRun({ ...service('orders-api'), spec: { ports: [{ port: 'eighty' }] } });
    expect(broken.status).toBe('rejected');
  });

  it('verify: fails before the rollout, passes after it, and checks cutover leftovers', async () => {
    const dir = copyToTemp(SAMPLES);
    const before = await runCliAsync(['verify', '--namespace', 'uploads', '.'], { env, cwd: dir });
    expect(before.status).toBe(1);
    expect(before.stdout).toContain('FAIL  Deployment uploads/uploader');
    expect(before.stdout).toContain('fail    service-account: service account uploads/uploader-wi does not exist');
    expect(before.stdout).toContain('fail    template-label');

    // The same failures as SARIF (at the workload's cluster reference, valid against the official
    // schema) and as CSV (a row per check).
    const sarif = await runCliAsync(['verify', '--namespace', 'uploads', '.', '-f', 'sarif'], { env, cwd: dir });
    expect(sarif.status).toBe(1);
    expect(sarifErrors(sarif.stdout)).toBeNull();
    const results = (JSON.parse(sarif.stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] }).runs[0]!.results;
    expect(results.map((entry) => entry.ruleId)).toEqual(expect.arrayContaining(['verify-service-account', 'verify-template-label']));
    for (const entry of results) expect(entry.locations[0]!.physicalLocation.artifactLocation.uri).toMatch(/^k8s:\/\/[^/]+\/uploads\/Deployment\/uploader$/);
    const csv = parseCsv((await runCliAsync(['verify', '--namespace', 'uploads', '.', '-f', 'csv'], { env, cwd: dir })).stdout);
    expect(csv.find((row) => row[4] === 'uploader' && row[7] === 'service-account')?.[8]).toBe('fail');

    // Roll the migration out: the webhook injects the new pods; the test plays the kubelet.
    const migrated = await runCliAsync(['migrate', '--write', '.', '--plan-out', 'plan.json'], { env, cwd: dir });
    expect(migrated.status).toBe(0);
    await apply(cluster, clusterObjects(path.join(dir, 'apps/uploads')));
    await until('the new uploader pod', async () => {
      await markReady(cluster, 'uploads');
      const all = await pods(cluster, 'uploads');
      return all.length > 0 && all.every((pod) => pod.metadata.labels?.['azure.workload.identity/use'] === 'true');
    }, 90_000);

    const after = await runCliAsync(['verify', '--namespace', 'uploads', '--plan', 'plan.json', '-f', 'json'], { env, cwd: dir });
    const result = JSON.parse(after.stdout) as { passed: boolean; workloads: { name: string; status: string; pods: number; checks: { id: string; status: string }[] }[] };
    expect(result.workloads).toHaveLength(1);
    expect(result.workloads[0]).toMatchObject({ name: 'uploader', status: 'pass', pods: 1 });
    expect(Object.fromEntries(result.workloads[0]!.checks.map((check) => [check.id, check.status]))).toEqual({
      'service-account': 'pass',
      'template-label': 'pass',
      'pods-label': 'pass',
      'pods-injected': 'pass',
      'federated-credentials': 'skipped',
    });
    expect(after.status).toBe(0);

    // --azure: the planned credential must be on its identity (the local Resource Manager of the
    // federate tests stands in for Azure, through the real @azure/arm-msi client).
    const arm = new FakeArm();
    await arm.start();
    try {
      const planned = onManagedIdentities(plannedCredentials(path.join(dir, 'plan.json'))).filter((credential) => credential.serviceAccount.namespace === 'uploads');
      expect(planned.length).toBeGreaterThan(0);
      seedIdentities(arm, planned);
      const identities = planned.map(({ target }) => arm.identity(target.subscriptionId!, target.resourceGroup!, target.identityName!)!);
      const azureEnv = { ...env, NODE_EXTRA_CA_CERTS: arm.tls.certFile, WIMIGRATE_ARM_ACCESS_TOKEN: 'test-token-not-a-secret' };
      const verifyAzure = () => runCliAsync(['verify', '--namespace', 'uploads', '--plan', 'plan.json', '--azure', '--arm-endpoint', arm.url, '-f', 'json'], { env: azureEnv, cwd: dir });
      const credentialsCheck = (stdout: string) => (JSON.parse(stdout) as typeof result).workloads[0]!.checks.find((check) => check.id === 'federated-credentials')!.status;

      const missing = await verifyAzure();
      expect(credentialsCheck(missing.stdout)).toBe('fail');
      expect(missing.status).toBe(1);
      // Made by hand under another name: issuer and subject are what count.
      planned.forEach((credential, index) => identities[index]!.credentials.set(`hand-made-${index}`, { name: `hand-made-${index}`, issuer: credential.issuer, subject: credential.subject, audiences: credential.audiences }));
      const present = await verifyAzure();
      expect(credentialsCheck(present.stdout)).toBe('pass');
      expect(present.status).toBe(0);
    } finally {
      await arm.stop();
    }

    // Cutover checked before the pod identity resources are deleted: they are left over.
    const cutover = await runCliAsync(['verify', '--namespace', 'uploads', '--plan', 'plan.json', '--phase', 'cutover', '-f', 'markdown'], { env, cwd: dir });
    expect(cutover.status).toBe(1);
    expect(cutover.stdout).toContain('Pod identity resources left: AzureIdentity uploads/uploader, AzureIdentityBinding uploads/uploader-binding');
    expect(cutover.stdout).toContain('no-pod-identity-label: aadpodidbinding still on the pod template');
  });
});
