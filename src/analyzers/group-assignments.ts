import type { AzureIdentityEntry, IdentityAssignment, WorkloadEntry } from '../model/inventory.js';

export interface WorkloadIdentities {
  workload: WorkloadEntry;
  /** Sorted by namespace/name: the first is the one a service account will carry. */
  identities: AzureIdentityEntry[];
}

/** Assignments are sorted by workload, then identity, so one pass groups them. */
export function groupAssignmentsByWorkload(assignments: readonly IdentityAssignment[]): WorkloadIdentities[] {
  const groups: WorkloadIdentities[] = [];
  for (const assignment of assignments) {
    const last = groups[groups.length - 1];
    if (last && last.workload === assignment.workload) last.identities.push(assignment.identity);
    else groups.push({ workload: assignment.workload, identities: [assignment.identity] });
  }
  return groups;
}
