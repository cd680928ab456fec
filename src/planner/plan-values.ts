/**
 * Helm values that configure pods with IRSA or pod identity get the same Workload ID settings
 * as manifests: the service account settings carry the client id (an IAM role's managed
 * identity, or the identity a pod identity selector is bound to), the pod labels carry
 * `azure.workload.identity/use: "true"`. The namespace and the service account name come from
 * the release, which the values file does not know: their federated credentials are a manual step.
 */
import { identityOfBinding, indexIdentities } from '../analyzers/match-bindings.js';
import { isGuid } from '../analyzers/object-fields.js';
import { ROLE_ARN_ANNOTATION } from '../analyzers/inventory/read-irsa.js';
import { pendingIdentityName } from '../azure/role-identity-name.js';
import { clientIdToWrite } from './role-identities.js';
import { documentKey } from '../model/document.js';
import type { Finding } from '../model/finding.js';
import type { AzureIdentityEntry, Inventory, ValuesWorkloadEntry } from '../model/inventory.js';
import { refString } from '../model/inventory.js';
import type { PlannedRoleIdentity, PlannedValuesWorkload } from '../model/plan.js';
import { CLIENT_ID_ANNOTATION } from './choose-service-accounts.js';
import { planFinding } from './plan-findings.js';
import type { PlanOptions } from './plan-options.js';

export function planValues(
  inventory: Inventory,
  options: PlanOptions,
  roleIdentity: (roleArn: string) => PlannedRoleIdentity | undefined,
  identityNamed: (name: string) => PlannedRoleIdentity,
): { valuesWorkloads: PlannedValuesWorkload[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const identitiesByRef = indexIdentities(inventory.identities);
  const planned: PlannedValuesWorkload[] = [];
  for (const entry of inventory.valuesWorkloads) {
    const at = entry.doc.locate(entry.serviceAccountPath ?? entry.path);
    const serviceAccount = entry.releaseNamespace !== null && entry.serviceAccountName !== null ? { namespace: entry.releaseNamespace, name: entry.serviceAccountName } : null;
    const base = { key: documentKey(entry.doc), path: entry.path, serviceAccountPath: entry.serviceAccountPath, tenantId: options.tenantId, serviceAccount, location: at };
    const roleArn = entry.annotations[ROLE_ARN_ANNOTATION];
    const pendingName = pendingIdentityName(entry.annotations[CLIENT_ID_ANNOTATION]);
    const role = roleArn ? roleIdentity(roleArn) : pendingName ? identityNamed(pendingName) : undefined;
    if (role) {
      const existing = entry.annotations[CLIENT_ID_ANNOTATION];
      planned.push({ ...base, source: 'irsa', identityName: role.name, ...clientIdToWrite(role, existing) });
    } else if (entry.selector) {
      const identity = boundIdentity(entry.selector, inventory, identitiesByRef);
      if (!identity) {
        findings.push(planFinding('values-identity-unresolved', `${describe(entry)}: no AzureIdentityBinding with selector ${entry.selector} names an identity with a client id`, at));
        continue;
      }
      planned.push({ ...base, source: 'pod-identity', identityName: refString(identity.ref), clientId: identity.clientId ?? '', pending: false });
    } else continue;
    if (entry.serviceAccountPath === null) {
      findings.push(planFinding('values-service-account-unknown', `${describe(entry)}: no service account settings beside the pod labels; the client id must go on the chart's service account by hand`, at));
    } else if (!entry.create) {
      findings.push(planFinding('values-service-account-not-created', `${describe(entry)}: serviceAccount.create is false, so the chart does not apply these annotations; annotate the existing service account ${entry.serviceAccountName ?? '(name not set)'} too`, at));
    }
  }
  return { valuesWorkloads: planned, findings };
}

function describe(entry: ValuesWorkloadEntry): string {
  return `Helm values ${entry.path.length === 0 ? '(root)' : entry.path.join('.')}`;
}

/** The identity with a client id that a selector's bindings name, the first by namespace/name when several do. */
export function boundIdentity(selector: string, inventory: Inventory, identitiesByRef: ReadonlyMap<string, AzureIdentityEntry>): AzureIdentityEntry | undefined {
  return inventory.bindings
    .filter((binding) => binding.selector === selector)
    .map((binding) => identityOfBinding(binding, identitiesByRef))
    .filter((identity): identity is AzureIdentityEntry => identity !== undefined && isGuid(identity.clientId))
    .sort((a, b) => (refString(a.ref) < refString(b.ref) ? -1 : 1))[0];
}
