import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { TestCluster } from './kube-cluster.js';

export { runCli as runCliAsync } from '../helpers/cli.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? filesUnder(full) : /\.(ya?ml|json)$/.test(entry) ? [full] : [];
  });
}

/**
 * The objects of a samples/ tree as the test cluster (Kubernetes 1.20) accepts them: CronJobs
 * in batch/v1beta1 (batch/v1 CronJob came in 1.21), kinds without a CRD here (Argo Rollout)
 * left out, Namespaces first.
 */
export function clusterObjects(dir: string, only?: (file: string) => boolean): Record<string, unknown>[] {
  const objects: Record<string, unknown>[] = [];
  for (const file of filesUnder(dir).sort()) {
    if (only && !only(file)) continue;
    for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
      const value = doc.toJS() as Record<string, unknown> | null;
      if (!value || typeof value.kind !== 'string' || !value.apiVersion) continue;
      const items = value.kind === 'List' ? (value.items as Record<string, unknown>[]) : [value];
      for (const item of items) {
        if (item.kind === 'Rollout') continue;
        if (item.kind === 'CronJob') item.apiVersion = 'batch/v1beta1';
        objects.push(item);
      }
    }
  }
  return objects.sort((a, b) => Number(b.kind === 'Namespace') - Number(a.kind === 'Namespace'));
}

export async function apply(cluster: TestCluster, objects: Record<string, unknown>[]): Promise<void> {
  await cluster.kubectl(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }));
}

export async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

interface PodItem {
  metadata: { name: string; namespace: string; labels?: Record<string, string> };
  status?: { conditions?: { type: string; status: string }[] };
}

export async function pods(cluster: TestCluster, namespace: string, selector = ''): Promise<PodItem[]> {
  const response = await cluster.api('GET', `/api/v1/namespaces/${namespace}/pods${selector ? `?labelSelector=${encodeURIComponent(selector)}` : ''}`);
  return (response.body as { items: PodItem[] }).items;
}

/**
 * There is no kubelet: the test plays its part and reports the pods Ready, so Deployments
 * finish their rollouts (and scale the old ReplicaSets down).
 */
export async function markReady(cluster: TestCluster, namespace: string): Promise<void> {
  for (const pod of await pods(cluster, namespace)) {
    if (pod.status?.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True')) continue;
    const now = new Date().toISOString();
    await cluster.api('PATCH', `/api/v1/namespaces/${namespace}/pods/${pod.metadata.name}/status`, {
      status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: now }, { type: 'ContainersReady', status: 'True', lastTransitionTime: now }, { type: 'PodScheduled', status: 'True', lastTransitionTime: now }] },
    }, 'application/merge-patch+json');
  }
}
