/**
 * One finding per identity whose client id is not known yet, naming everything that carries its
 * placeholder. The words are the same before and after cutover removes the role annotation:
 * verification compares findings by their message.
 */
import { documentKey } from '../model/document.js';
import type { Finding } from '../model/finding.js';
import type { Inventory } from '../model/inventory.js';
import { refString } from '../model/inventory.js';
import type { PlannedIrsaServiceAccount, PlannedRoleIdentity, PlannedValuesWorkload } from '../model/plan.js';
import { CLIENT_ID_ANNOTATION } from './choose-service-accounts.js';
import { planFinding } from './plan-findings.js';

export function pendingClientIdFindings(
  identities: readonly PlannedRoleIdentity[],
  accounts: readonly PlannedIrsaServiceAccount[],
  values: readonly PlannedValuesWorkload[],
  inventory: Inventory,
): Finding[] {
  const accountDocs = new Map(inventory.serviceAccounts.map((account) => [documentKey(account.doc), account.doc]));
  const valuesDocs = new Map(inventory.valuesWorkloads.map((entry) => [documentKey(entry.doc), entry.doc]));
  const pendingAccountsOf = groupPending(accounts);
  const pendingValuesOf = groupPending(values);
  return identities.flatMap((identity) => {
    const pendingAccounts = pendingAccountsOf.get(identity.name) ?? [];
    const pendingValues = pendingValuesOf.get(identity.name) ?? [];
    const names = [...new Set([...pendingAccounts.map((account) => refString(account.ref)), ...pendingValues.map((entry) => `Helm values ${valuesDocs.get(entry.key)?.file ?? ''}`)])];
    if (names.length === 0) return [];
    const first = pendingAccounts[0];
    const firstValues = pendingValues[0];
    const location = first
      ? accountDocs.get(first.key)?.locate(['metadata', 'annotations', CLIENT_ID_ANNOTATION])
      : firstValues && valuesDocs.get(firstValues.key)?.locate([...(firstValues.serviceAccountPath ?? firstValues.path), 'annotations']);
    const what = identity.source === 'new' ? `new managed identity ${identity.name}` : `managed identity ${identity.name} (identity map, no clientId yet)`;
    return [
      planFinding('client-id-pending', `${names.join(', ')} carr${names.length === 1 ? 'ies' : 'y'} a placeholder client id until ${what} exists`, location ?? { file: '<plan>', line: 1, col: 1 }),
    ];
  });
}

/** The pending entries by identity name, in their order: a large repository has thousands. */
function groupPending<T extends { pending: boolean; identityName: string }>(entries: readonly T[]): Map<string, T[]> {
  const byName = new Map<string, T[]>();
  for (const entry of entries) {
    if (!entry.pending) continue;
    const list = byName.get(entry.identityName);
    if (list) list.push(entry);
    else byName.set(entry.identityName, [entry]);
  }
  return byName;
}
