/**
 * What a cluster scan reads. Pod identity kinds are CRDs that may be missing; CronJob is
 * `batch/v1` from Kubernetes 1.21 and `batch/v1beta1` before (still common on clusters that run
 * pod identity); SecretProviderClass went from v1alpha1 to v1 in the CSI driver's 1.0.
 */
export interface ClusterKind {
  kind: string;
  group: string;
  /** Preferred first; the first version the server serves the resource in is read. */
  versions: readonly string[];
  resource: string;
  /** Runs pods: a candidate workload when no controller owns it. */
  workload: boolean;
  /** Pod identity CRDs: missing ones are reported together. */
  podIdentity: boolean;
  /** Read for evidence only, never migrated (AzureAssignedIdentity). */
  evidenceOnly: boolean;
}

function kind(kindName: string, group: string, versions: readonly string[], resource: string, flags: Partial<Pick<ClusterKind, 'workload' | 'podIdentity' | 'evidenceOnly'>> = {}): ClusterKind {
  return { kind: kindName, group, versions, resource, workload: false, podIdentity: false, evidenceOnly: false, ...flags };
}

const POD_IDENTITY = 'aadpodidentity.k8s.io';

export const CLUSTER_KINDS: readonly ClusterKind[] = [
  kind('AzureIdentity', POD_IDENTITY, ['v1'], 'azureidentities', { podIdentity: true }),
  kind('AzureIdentityBinding', POD_IDENTITY, ['v1'], 'azureidentitybindings', { podIdentity: true }),
  kind('AzurePodIdentityException', POD_IDENTITY, ['v1'], 'azurepodidentityexceptions', { podIdentity: true }),
  kind('AzureAssignedIdentity', POD_IDENTITY, ['v1'], 'azureassignedidentities', { podIdentity: true, evidenceOnly: true }),
  kind('ServiceAccount', '', ['v1'], 'serviceaccounts'),
  kind('SecretProviderClass', 'secrets-store.csi.x-k8s.io', ['v1', 'v1alpha1'], 'secretproviderclasses'),
  kind('Deployment', 'apps', ['v1'], 'deployments', { workload: true }),
  kind('StatefulSet', 'apps', ['v1'], 'statefulsets', { workload: true }),
  kind('DaemonSet', 'apps', ['v1'], 'daemonsets', { workload: true }),
  kind('ReplicaSet', 'apps', ['v1'], 'replicasets', { workload: true }),
  kind('ReplicationController', '', ['v1'], 'replicationcontrollers', { workload: true }),
  kind('CronJob', 'batch', ['v1', 'v1beta1'], 'cronjobs', { workload: true }),
  kind('Job', 'batch', ['v1'], 'jobs', { workload: true }),
  kind('Pod', '', ['v1'], 'pods', { workload: true }),
];

export function groupVersionPath(group: string, version: string): string {
  return group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
}

/** The list path of a resource, in one namespace or across all. */
export function listPath(group: string, version: string, resource: string, namespace: string | null): string {
  const base = groupVersionPath(group, version);
  return namespace === null ? `${base}/${resource}` : `${base}/namespaces/${encodeURIComponent(namespace)}/${resource}`;
}
