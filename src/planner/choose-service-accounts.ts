/**
 * Which service account each migrated workload runs under. Under Workload ID the service
 * account carries the client id, and every pod running under it can exchange its token for the
 * identity, so a service account is only reused when every workload using it maps to the same
 * identity; otherwise the workload gets a new one. A namespace's `default` service account is
 * never annotated.
 */
import type { AzureIdentityEntry, ServiceAccountEntry, WorkloadEntry } from '../model/inventory.js';
import { refString } from '../model/inventory.js';
import type { PlannedServiceAccount } from '../model/plan.js';
import type { WorkloadIdentities } from '../analyzers/group-assignments.js';

export const CLIENT_ID_ANNOTATION = 'azure.workload.identity/client-id';
export const TENANT_ID_ANNOTATION = 'azure.workload.identity/tenant-id';

export interface ServiceAccountChoice {
  workload: WorkloadEntry;
  account: PlannedServiceAccount;
}

export interface ServiceAccountInputs {
  groups: readonly WorkloadIdentities[];
  workloads: readonly WorkloadEntry[];
  serviceAccounts: readonly ServiceAccountEntry[];
  nameTemplate: string;
  tenantIdOf: (identity: AzureIdentityEntry) => string | null;
  workloadKey: (workload: WorkloadEntry) => string;
}

export interface ServiceAccountPlan {
  accounts: PlannedServiceAccount[];
  choices: ServiceAccountChoice[];
}

export function chooseServiceAccounts(inputs: ServiceAccountInputs): ServiceAccountPlan {
  const primaryOf = new Map(inputs.groups.map((group) => [group.workload, group.identities[0]]));
  const usersOf = new Map<string, WorkloadEntry[]>();
  for (const workload of inputs.workloads) {
    if (workload.serviceAccountName === null) continue;
    const key = refString({ namespace: workload.ref.namespace, name: workload.serviceAccountName });
    usersOf.set(key, [...(usersOf.get(key) ?? []), workload]);
  }
  const declared = new Map(inputs.serviceAccounts.map((account) => [refString(account.ref), account]));
  const accounts = new Map<string, PlannedServiceAccount>();
  const choices: ServiceAccountChoice[] = [];

  /**
   * A service account may carry `identity` when all its users map to it and it carries no other
   * client id already; a workload that fails this moves to a new service account.
   */
  const canCarry = (key: string, identity: AzureIdentityEntry): boolean => {
    const planned = accounts.get(key);
    if (planned) return planned.identity.namespace === identity.ref.namespace && planned.identity.name === identity.ref.name;
    const users = usersOf.get(key) ?? [];
    if (!users.every((user) => primaryOf.get(user) === identity)) return false;
    const existing = declared.get(key)?.annotations[CLIENT_ID_ANNOTATION];
    return existing === undefined || existing === identity.clientId;
  };

  for (const { workload, identities } of inputs.groups) {
    const identity = identities[0];
    // A client id written as a template action (`{{ .Values.clientId }}`) is not known yet.
    if (!identity?.clientId || identity.clientId.includes('{{')) continue;
    const namespace = workload.ref.namespace;
    const current = workload.serviceAccountName;
    let name: string;
    if (current !== null && canCarry(refString({ namespace, name: current }), identity)) {
      name = current;
    } else {
      const base = serviceAccountName(inputs.nameTemplate, identity.ref.name, workload.ref.name, namespace);
      name = base;
      for (let suffix = 2; !canCarry(refString({ namespace, name }), identity); suffix++) name = `${base.slice(0, 60)}-${suffix}`;
    }
    const key = refString({ namespace, name });
    let account = accounts.get(key);
    if (!account) {
      const found = declared.get(key);
      const action = found ? 'annotate' : current === name ? 'external' : 'create';
      account = { ref: { namespace, name }, action, clientId: identity.clientId, tenantId: inputs.tenantIdOf(identity), identity: identity.ref, workloads: [] };
      accounts.set(key, account);
    }
    account.workloads.push(inputs.workloadKey(workload));
    choices.push({ workload, account });
  }
  return { accounts: [...accounts.values()], choices };
}

/** Fills the template and makes the result a valid DNS-1123 name (at most 63 characters, to be safe everywhere). */
export function serviceAccountName(template: string, identity: string, workload: string, namespace: string): string {
  const filled = template.replaceAll('{identity}', identity).replaceAll('{workload}', workload).replaceAll('{namespace}', namespace);
  // A templated workload name or namespace stays visible as such (cleaning it would make up a
  // name): the name is then unknown, and nothing is written with it.
  if (filled.includes('{{')) return filled;
  const cleaned = filled.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').slice(0, 63).replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return cleaned || 'workload-identity';
}
