import { documentKey } from '../model/document.js';
import type { Finding } from '../model/finding.js';
import type { Inventory, WorkloadEntry } from '../model/inventory.js';
import { refString } from '../model/inventory.js';
import type { PlannedSecretProviderClass, PlannedServiceAccount } from '../model/plan.js';
import { planFinding } from './plan-findings.js';

/**
 * A SecretProviderClass in Workload ID mode names one client id, and the pods that mount it
 * must run under a service account federated with that identity. So it takes the client id of
 * the migrated workloads that mount it, when they all agree.
 */
export function planSecretProviderClasses(
  inventory: Inventory,
  accountOf: ReadonlyMap<WorkloadEntry, PlannedServiceAccount>,
): { secretProviderClasses: PlannedSecretProviderClass[]; findings: Finding[] } {
  const planned: PlannedSecretProviderClass[] = [];
  const findings: Finding[] = [];
  for (const spc of inventory.secretProviderClasses) {
    if (!spc.usePodIdentity) continue;
    const mounting = inventory.workloads.filter(
      (workload) => workload.ref.namespace === spc.ref.namespace && workload.secretProviderClasses.includes(spc.ref.name),
    );
    const clientIds = new Set(mounting.map((workload) => accountOf.get(workload)?.clientId ?? null));
    const [clientId] = clientIds;
    if (clientIds.size === 1 && clientId) {
      planned.push({ key: documentKey(spc.doc), ref: spc.ref, clientId });
      continue;
    }
    const why =
      mounting.length === 0
        ? 'no workload in the scanned files mounts it'
        : clientIds.size > 1
          ? `the workloads that mount it (${mounting.map((workload) => refString(workload.ref)).join(', ')}) use different identities`
          : 'the workloads that mount it are not migrated';
    findings.push(planFinding('secret-provider-class-unresolved', `SecretProviderClass ${refString(spc.ref)} is left in pod identity mode: ${why}`, spc.doc.location));
  }
  return { secretProviderClasses: planned, findings };
}
