/** IRSA service accounts and their workloads read from a real kube-apiserver (samples/irsa). */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { apply, clusterObjects, runCliAsync } from './cluster-helpers.js';
import { clusterBinariesOrSkip, startCluster, type TestCluster } from './kube-cluster.js';

const binaries = clusterBinariesOrSkip();
const SAMPLES = path.join(ROOT, 'samples/irsa');

describe.skipIf(binaries === null)('IRSA on a real kube-apiserver', () => {
  let cluster: TestCluster;

  beforeAll(async () => {
    cluster = await startCluster(binaries!, { controllerManager: false });
    const objects = clusterObjects(SAMPLES, (file) => file.includes(`${path.sep}apps${path.sep}`) || file.includes(`${path.sep}platform${path.sep}`));
    const namespaces = [...new Set(objects.map((object) => (object.metadata as { namespace?: string }).namespace).filter((name): name is string => name !== undefined))];
    await apply(cluster, [...namespaces.map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })), ...objects]);
  }, 120_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  it('scan --cluster finds the IRSA service accounts and the workloads under them, like the files', async () => {
    const env = { KUBECONFIG: cluster.kubeconfig };
    const live = await runCliAsync(['scan', '--cluster', '-f', 'json'], { env });
    const files = await runCliAsync(['scan', SAMPLES, '-f', 'json']);
    type Scan = { cluster?: { drift: unknown }; inventory: { irsaServiceAccounts: { namespace: string; name: string; roleArn: string; workloads: string[] }[] } };
    const liveReport = JSON.parse(live.stdout) as Scan;
    const fileReport = JSON.parse(files.stdout) as Scan;
    const accounts = (report: Scan) => report.inventory.irsaServiceAccounts.map((account) => `${account.namespace}/${account.name} ${account.roleArn} -> ${account.workloads.join(', ')}`).sort();
    expect(accounts(liveReport).length).toBeGreaterThan(0);
    expect(accounts(liveReport)).toEqual(accounts(fileReport));
    // The look-alike annotations (not IRSA) stay out, on the cluster as in the files.
    expect(accounts(liveReport).join('\n')).not.toContain('irsa.amazonaws.com');
    const drift = await runCliAsync(['scan', '--cluster', SAMPLES, '-f', 'json'], { env });
    expect((JSON.parse(drift.stdout) as Scan).cluster?.drift).toEqual({ notInFiles: [], notInCluster: [] });
  });
});
