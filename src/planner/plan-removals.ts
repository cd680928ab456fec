import { identityOfBinding, indexIdentities } from '../analyzers/match-bindings.js';
import { documentKey } from '../model/document.js';
import type { Finding } from '../model/finding.js';
import type { Inventory, WorkloadEntry } from '../model/inventory.js';
import { refString } from '../model/inventory.js';
import type { PlannedRemoval } from '../model/plan.js';
import { planFinding } from './plan-findings.js';

/**
 * At cutover the pod identity resources go, except where a workload that still depends on them
 * could not be migrated (no client id, say): deleting its binding would cut it off.
 */
export function planRemovals(inventory: Inventory, migrated: ReadonlySet<WorkloadEntry>): { removals: PlannedRemoval[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const keptBindings = new Set(
    inventory.assignments.filter((assignment) => !migrated.has(assignment.workload)).map((assignment) => assignment.binding),
  );
  const identitiesByRef = indexIdentities(inventory.identities);
  const keptIdentities = new Set([...keptBindings].map((binding) => identityOfBinding(binding, identitiesByRef)));
  for (const binding of keptBindings) {
    findings.push(
      planFinding(
        'resource-kept-at-cutover',
        `AzureIdentityBinding ${refString(binding.ref)} is kept: a workload it serves was not migrated`,
        binding.doc.location,
      ),
    );
  }
  const removals: PlannedRemoval[] = [
    ...inventory.identities.filter((identity) => !keptIdentities.has(identity)).map((entry) => ({ key: documentKey(entry.doc), kind: 'AzureIdentity', ref: entry.ref })),
    ...inventory.bindings.filter((binding) => !keptBindings.has(binding)).map((entry) => ({ key: documentKey(entry.doc), kind: 'AzureIdentityBinding', ref: entry.ref })),
    ...inventory.exceptions.map((entry) => ({ key: documentKey(entry.doc), kind: 'AzurePodIdentityException', ref: entry.ref })),
  ];
  return { removals, findings };
}
