/**
 * Reads what a migration needs from a live cluster, read-only: pod identity resources (where
 * their CRDs exist), service accounts, SecretProviderClasses, every kind of workload (scaled to
 * zero or not; CronJobs in batch/v1 or batch/v1beta1) and the pods that carry `aadpodidbinding`
 * (selected by the server). Every list is paginated. A kind the credentials may not list (403)
 * becomes a finding and the rest is still read; an unreachable server or refused credentials
 * throw ClusterError (exit code 3).
 */
import type { ManifestDocument } from '../../model/document.js';
import type { Finding } from '../../model/finding.js';
import { CLUSTER_KINDS, groupVersionPath, listPath, type ClusterKind } from './cluster-kinds.js';
import { clusterFinding } from './cluster-findings.js';
import { ClusterError, credentialsError, statusMessage, type KubeClient } from './kube-client.js';
import { clusterLocation, clusterRef, liveDocument, stripServerFields } from './live-document.js';
import { listObjects, type ListHooks } from './list-objects.js';
import { topOwners, type TopOwner } from './top-owner.js';

export interface ReadClusterOptions {
  /** One namespace, or null for all of them. */
  namespace: string | null;
  /** `labelled`: only pods with `aadpodidbinding` (scan); `all`: every pod (verify). */
  pods: 'labelled' | 'all';
  hooks?: ListHooks;
  pageSize?: number;
}

export interface KindRead {
  kind: string;
  apiVersion: string | null;
  status: 'read' | 'forbidden' | 'not-served';
  count: number;
}

/** A running (or pending) pod as evidence: what it carries, and the workload at the top of its owners. */
export interface LivePod {
  namespace: string;
  name: string;
  ref: string;
  labels: Record<string, string>;
  serviceAccountName: string;
  /** Environment variable names set in any container (init containers included). */
  env: string[];
  /** Names of projected service account token volumes (path of the token included). */
  projectedTokenPaths: string[];
  owner: TopOwner;
}

export interface ClusterRead {
  context: string;
  server: string;
  namespace: string | null;
  /** The objects the analyzers read: top-level workloads, service accounts, pod identity resources, SecretProviderClasses. */
  documents: ManifestDocument[];
  findings: Finding[];
  kinds: KindRead[];
  pods: LivePod[];
  /** Every workload at the top of its owners (Deployments, CronJobs, bare pods...). */
  workloads: { kind: string; namespace: string; name: string; ref: string }[];
  /** The raw items of each kind read, for facts (MIC/NMI, AzureAssignedIdentity). */
  items: ReadonlyMap<string, readonly Record<string, unknown>[]>;
}

export async function readCluster(client: KubeClient, options: ReadClusterOptions): Promise<ClusterRead> {
  const versions = await servedVersions(client, CLUSTER_KINDS);
  const findings: Finding[] = [];
  const kinds: KindRead[] = [];
  const items = new Map<string, Record<string, unknown>[]>();
  const scope = options.namespace === null ? 'all namespaces' : `namespace ${options.namespace}`;
  const reads = await Promise.all(
    CLUSTER_KINDS.map(async (kind) => {
      const version = versions.get(kind.kind) ?? null;
      if (version === null) return { kind, version, outcome: null };
      const query: Record<string, string> = kind.kind === 'Pod' && options.pods === 'labelled' ? { labelSelector: 'aadpodidbinding' } : {};
      const path = listPath(kind.group, version, kind.resource, options.namespace);
      return { kind, version, outcome: await listObjects(client, path, query, options.hooks, options.pageSize) };
    }),
  );
  const missingPodIdentity: string[] = [];
  for (const { kind, version, outcome } of reads) {
    const apiVersion = version === null ? null : kind.group === '' ? version : `${kind.group}/${version}`;
    const where = clusterLocation(`k8s://${client.context}/${options.namespace ?? '_all'}/${kind.kind}`);
    if (outcome === null) {
      kinds.push({ kind: kind.kind, apiVersion, status: 'not-served', count: 0 });
      if (kind.podIdentity) missingPodIdentity.push(kind.kind);
      else if (kind.kind === 'SecretProviderClass') findings.push(clusterFinding('cluster-crd-missing', 'the Secrets Store CSI driver CRD (secrets-store.csi.x-k8s.io SecretProviderClass) is not installed: no SecretProviderClass was read', where));
      continue;
    }
    if (outcome.kind !== 'ok') {
      kinds.push({ kind: kind.kind, apiVersion, status: 'forbidden', count: 0 });
      findings.push(clusterFinding('cluster-forbidden', `listing ${kind.kind} (${apiVersion}) in ${scope} was refused: ${outcome.message}; the other kinds were still read`, where));
      continue;
    }
    if (outcome.restarts > 0) findings.push(clusterFinding('cluster-list-restarted', `the list of ${kind.kind} expired while being read (410 Gone) and was read again from the start (${outcome.restarts} time(s))`, where));
    kinds.push({ kind: kind.kind, apiVersion, status: 'read', count: outcome.items.length });
    items.set(kind.kind, outcome.items.map((item) => ({ ...item, apiVersion, kind: kind.kind })));
  }
  if (missingPodIdentity.length > 0) {
    const where = clusterLocation(`k8s://${client.context}/_cluster/CustomResourceDefinition`);
    findings.push(clusterFinding('cluster-crd-missing', `the pod identity CRDs (aadpodidentity.k8s.io/v1) are not installed for ${missingPodIdentity.join(', ')}: none of these were read`, where));
  }
  return assemble(client, options, items, kinds, findings);
}

function assemble(client: KubeClient, options: ReadClusterOptions, items: Map<string, Record<string, unknown>[]>, kinds: KindRead[], findings: Finding[]): ClusterRead {
  const workloadKinds = new Set(CLUSTER_KINDS.filter((kind) => kind.workload).map((kind) => kind.kind));
  const index = new Map<string, Record<string, unknown>>();
  for (const [kind, list] of items) if (workloadKinds.has(kind)) for (const item of list) index.set(uidOf(item), item);
  const owners = topOwners(index, client.context);
  findings.push(...owners.findings);
  const documents: ManifestDocument[] = [];
  const workloads: ClusterRead['workloads'] = [];
  const pods: LivePod[] = [];
  for (const kind of CLUSTER_KINDS) {
    if (kind.evidenceOnly) continue;
    for (const item of items.get(kind.kind) ?? []) {
      const meta = metaOf(item);
      const ref = clusterRef(client.context, meta.namespace, kind.kind, meta.name);
      if (kind.kind === 'Pod') {
        const owner = owners.top.get(uidOf(item));
        if (owner) pods.push(livePod(item, ref, owner));
      }
      // Objects a controller owns are changed through their owner: only the top is analyzed.
      if (kind.workload && (owners.controlled.has(uidOf(item)) || owners.orphaned.has(uidOf(item)))) continue;
      if (kind.workload) workloads.push({ kind: kind.kind, namespace: meta.namespace ?? '', name: meta.name, ref });
      documents.push(liveDocument(ref, stripServerFields(item, String(item.apiVersion), kind.kind)));
    }
  }
  documents.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { context: client.context, server: client.server, namespace: options.namespace, documents, findings, kinds, pods, workloads, items };
}

function livePod(item: Record<string, unknown>, ref: string, owner: TopOwner): LivePod {
  const meta = metaOf(item);
  const spec = (item.spec ?? {}) as { serviceAccountName?: unknown; containers?: unknown; initContainers?: unknown; volumes?: unknown };
  const containers = [...arrayOf(spec.containers), ...arrayOf(spec.initContainers)];
  const env = containers.flatMap((container) => arrayOf((container as { env?: unknown }).env).map((entry) => String((entry as { name?: unknown }).name ?? '')));
  const projectedTokenPaths = arrayOf(spec.volumes).flatMap((volume) =>
    arrayOf((volume as { projected?: { sources?: unknown } }).projected?.sources).flatMap((source) => {
      const token = (source as { serviceAccountToken?: { path?: unknown; audience?: unknown } }).serviceAccountToken;
      return token ? [`${String((volume as { name?: unknown }).name)}:${String(token.audience ?? '')}:${String(token.path ?? '')}`] : [];
    }),
  );
  return {
    namespace: meta.namespace ?? '',
    name: meta.name,
    ref,
    labels: meta.labels,
    serviceAccountName: typeof spec.serviceAccountName === 'string' ? spec.serviceAccountName : 'default',
    env: [...new Set(env)].sort(),
    projectedTokenPaths,
    owner,
  };
}

/** For each kind, the first of its versions the server serves it in (null: not served). */
async function servedVersions(client: KubeClient, kinds: readonly ClusterKind[]): Promise<Map<string, string | null>> {
  const groupVersions = [...new Set(kinds.flatMap((kind) => kind.versions.map((version) => groupVersionPath(kind.group, version))))];
  const resources = new Map<string, Set<string>>();
  await Promise.all(
    groupVersions.map(async (path) => {
      const response = await client.request('GET', path);
      if (response.status === 401) throw credentialsError(client, response, path);
      if (response.status === 404) return;
      if (response.status === 403) return; // discovery is open to every authenticated user; a 403 here means the group is hidden
      if (response.status !== 200) throw new ClusterError(`GET ${path} failed: ${statusMessage(response)}`, response.status);
      const list = (response.body as { resources?: { name?: unknown }[] } | null)?.resources ?? [];
      resources.set(path, new Set(list.map((resource) => String(resource.name))));
    }),
  );
  const result = new Map<string, string | null>();
  for (const kind of kinds) {
    result.set(kind.kind, kind.versions.find((version) => resources.get(groupVersionPath(kind.group, version))?.has(kind.resource)) ?? null);
  }
  return result;
}

export function metaOf(item: Record<string, unknown>): { name: string; namespace: string | null; labels: Record<string, string>; uid: string } {
  const meta = (item.metadata ?? {}) as { name?: unknown; namespace?: unknown; labels?: unknown; uid?: unknown };
  return {
    name: typeof meta.name === 'string' ? meta.name : '',
    namespace: typeof meta.namespace === 'string' ? meta.namespace : null,
    labels: typeof meta.labels === 'object' && meta.labels !== null ? (meta.labels as Record<string, string>) : {},
    uid: typeof meta.uid === 'string' ? meta.uid : '',
  };
}

function uidOf(item: Record<string, unknown>): string {
  return metaOf(item).uid;
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
