/**
 * Chart-specific identity values (migrations/helm-charts.yaml) planned as edits: the client id
 * comes from the values themselves, from the AzureIdentity a pod identity selector is bound to,
 * or from the managed identity of an IAM role (a pending placeholder until it is known).
 */
import { pendingIdentityName } from '../azure/role-identity-name.js';
import { clientIdToWrite } from './role-identities.js';
import { indexIdentities } from '../analyzers/match-bindings.js';
import { isGuid, stringOf } from '../analyzers/object-fields.js';
import { valueAt } from '../analyzers/object-fields.js';
import { documentKey, type NodePath } from '../model/document.js';
import type { Finding } from '../model/finding.js';
import type { ChartValuesEntry, Inventory } from '../model/inventory.js';
import type { PlannedChartValues, PlannedRoleIdentity } from '../model/plan.js';
import { planFinding } from './plan-findings.js';
import type { PlanOptions } from './plan-options.js';
import { boundIdentity } from './plan-values.js';

/** The IAM roles chart values name, so that each gets its managed identity. */
export function chartRoleArns(inventory: Inventory): string[] {
  return inventory.chartValues.flatMap(({ doc, root, chart }) =>
    chart.clientId?.from === 'role-arn' ? (stringOf(valueAt(doc.object, [...root, ...chart.clientId.path]) ?? null) ?? []) : [],
  );
}

export function planChartValues(
  inventory: Inventory,
  options: PlanOptions,
  roleIdentity: (roleArn: string) => PlannedRoleIdentity | undefined,
  identityNamed: (name: string) => PlannedRoleIdentity,
): { chartValues: PlannedChartValues[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const identitiesByRef = indexIdentities(inventory.identities);
  const planned: PlannedChartValues[] = [];
  for (const entry of inventory.chartValues) {
    const { doc, root, chart } = entry;
    if (chart.replacedBy !== undefined || chart.changes.length === 0) continue;
    const clientId = clientIdOf(entry, inventory, identitiesByRef, roleIdentity);
    if (chart.clientId && clientId === null) {
      findings.push(planFinding('values-identity-unresolved', `${chart.title} values: no client id can be found from ${chart.clientId.path.join('.')}; left as they are`, doc.locate([...root, ...chart.clientId.path])));
      continue;
    }
    const fill = (value: string | boolean | undefined) => (value === '{clientId}' ? clientId : value === '{tenantId}' ? options.tenantId : (value ?? null));
    const edits = chart.changes
      .filter((change) => change.phase === 'prepare' || options.phase === 'cutover')
      .flatMap((change): PlannedChartValues['edits'] => {
        const path = [...root, ...change.path];
        if (change.op === 'delete') return valueAt(doc.object, path) === undefined ? [] : [{ op: 'delete', path }];
        const value = fill(change.value);
        return value === null ? [] : [{ op: 'set', path, value }];
      });
    planned.push({ key: documentKey(doc), chartId: chart.id, edits });
  }
  planned.push(...filledPlaceholders(inventory, identityNamed));
  return { chartValues: planned, findings };
}

/**
 * A placeholder an earlier run wrote into chart values (a KEDA clientId, say) is replaced once
 * the identity map knows the client id, wherever it sits: the settings that led to it may be
 * gone since cutover. Service account annotations are the values planner's (plan-values.ts).
 */
function filledPlaceholders(inventory: Inventory, identityNamed: (name: string) => PlannedRoleIdentity): PlannedChartValues[] {
  const roots = [...inventory.valuesDocuments.map((doc) => ({ doc, root: [] as NodePath })), ...inventory.gitOpsValues.filter(({ values }) => !values.inString).map(({ doc, values }) => ({ doc, root: values.path }))];
  const planned: PlannedChartValues[] = [];
  for (const { doc, root } of roots) {
    const values = valueAt(doc.object, root);
    const edits: PlannedChartValues['edits'] = [];
    for (const { path, name } of typeof values === 'object' && values !== null ? placeholdersIn(values) : []) {
      const clientId = identityNamed(name).clientId;
      if (clientId) edits.push({ op: 'set', path: [...root, ...path], value: clientId });
    }
    if (edits.length > 0) planned.push({ key: documentKey(doc), chartId: 'pending-client-id', edits });
  }
  return planned;
}

/**
 * The placeholders in a values object outside service account annotations, by path within it;
 * found once per object, since every plan of a run (both passes) looks for them again, and
 * values objects are never changed.
 */
const placeholdersFound = new WeakMap<object, { path: NodePath; name: string }[]>();

function placeholdersIn(values: object): { path: NodePath; name: string }[] {
  let found = placeholdersFound.get(values);
  if (found) return found;
  found = [];
  const list = found;
  const visit = (value: unknown, path: NodePath) => {
    if (path.length > 12) return;
    if (typeof value === 'string') {
      const name = pendingIdentityName(value);
      if (name !== null && !path.includes('annotations')) list.push({ path, name });
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) visit(child, [...path, Array.isArray(value) ? Number(key) : key]);
    }
  };
  visit(values, []);
  placeholdersFound.set(values, found);
  return found;
}

function clientIdOf(
  { doc, root, chart }: ChartValuesEntry,
  inventory: Inventory,
  identitiesByRef: ReturnType<typeof indexIdentities>,
  roleIdentity: (roleArn: string) => PlannedRoleIdentity | undefined,
): string | null {
  if (!chart.clientId) return null;
  const value = stringOf(valueAt(doc.object, [...root, ...chart.clientId.path]) ?? null);
  if (value === null) return null;
  if (chart.clientId.from === 'value') return isGuid(value) ? value : null;
  if (chart.clientId.from === 'selector') return boundIdentity(value, inventory, identitiesByRef)?.clientId ?? null;
  // Every role ARN chart values name has its identity (chartRoleArns feeds the registry).
  const identity = roleIdentity(value);
  return identity ? clientIdToWrite(identity, undefined).clientId : null;
}
