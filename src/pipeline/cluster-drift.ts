import type { Finding } from '../model/finding.js';
import type { Inventory, WorkloadEntry } from '../model/inventory.js';
import { clusterFinding } from '../sources/cluster/cluster-findings.js';

export interface DriftEntry {
  kind: string;
  namespace: string;
  name: string;
  /** Where it is: the cluster reference, or the file. */
  location: Finding['location'];
}

export interface Drift {
  notInFiles: DriftEntry[];
  notInCluster: DriftEntry[];
  findings: Finding[];
}

/**
 * Workloads that matter to the migration (pods with `aadpodidbinding`, an identity, or an IRSA
 * service account) on one side and not on the other, compared by kind, namespace and name.
 * Pure: both inventories are already built.
 */
export function clusterDrift(cluster: Inventory, files: Inventory): Drift {
  const clusterSide = relevantWorkloads(cluster);
  const fileSide = relevantWorkloads(files);
  // The file side is compared against every live workload: a file may declare a workload the
  // cluster runs without the label yet (a migration rolled out already).
  const live = new Set(cluster.workloads.map(key));
  const declared = new Set(files.workloads.map(key));
  const notInFiles = clusterSide.filter((workload) => !declared.has(key(workload))).map(entry);
  const notInCluster = fileSide.filter((workload) => !live.has(key(workload))).map(entry);
  const findings = [
    ...notInFiles.map((item) => clusterFinding('drift-not-in-files', `${item.kind} ${item.namespace}/${item.name} runs in the cluster with pod identity or IRSA, but no scanned file declares it`, item.location)),
    ...notInCluster.map((item) => clusterFinding('drift-not-in-cluster', `${item.kind} ${item.namespace}/${item.name} is declared with pod identity or IRSA but does not exist in the cluster`, item.location)),
  ];
  return { notInFiles, notInCluster, findings };
}

function relevantWorkloads(inventory: Inventory): WorkloadEntry[] {
  const withIdentity = new Set<WorkloadEntry>([...inventory.assignments.map((assignment) => assignment.workload), ...inventory.irsaWorkloads.map((entry) => entry.workload)]);
  const seen = new Set<string>();
  return inventory.workloads
    .filter((workload) => withIdentity.has(workload) || 'aadpodidbinding' in workload.podLabels)
    .filter((workload) => !seen.has(key(workload)) && Boolean(seen.add(key(workload))))
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function key(workload: WorkloadEntry): string {
  return `${workload.kind}/${workload.ref.namespace}/${workload.ref.name}`;
}

function entry(workload: WorkloadEntry): DriftEntry {
  return { kind: workload.kind, namespace: workload.ref.namespace, name: workload.ref.name, location: workload.doc.location };
}
