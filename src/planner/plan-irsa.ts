/**
 * EKS IRSA to Workload ID (DESIGN §4, §5): each IAM role becomes a user-assigned managed identity
 * (from the identity map, or a new one named after the role), each IRSA service account carries
 * that identity's client id, and every pod running under it gets the Workload ID label. Until an
 * identity exists its client id is unknown: the service accounts then carry a pending placeholder
 * naming the identity, which a later run with the completed map replaces.
 */
import { ROLE_ARN_ANNOTATION } from '../analyzers/inventory/read-irsa.js';
import { identityNameForRole, pendingClientId, pendingIdentityName, roleNameOf } from '../azure/role-identity-name.js';
import { isGuid } from '../analyzers/object-fields.js';
import { documentKey } from '../model/document.js';
import type { Finding } from '../model/finding.js';
import type { Inventory, ServiceAccountEntry } from '../model/inventory.js';
import { refString } from '../model/inventory.js';
import type { PlannedChartValues, PlannedIrsaServiceAccount, PlannedIrsaWorkload, PlannedRoleIdentity, PlannedValuesWorkload } from '../model/plan.js';
import { chartRoleArns, planChartValues } from './plan-chart-values.js';
import { planValues } from './plan-values.js';
import { awsInputRoles, awsInputSubjects, withPodIdentityAssociations } from './plan-aws-inputs.js';
import type { RoleSubject } from './plan-irsa-credentials.js';
import { CLIENT_ID_ANNOTATION } from './choose-service-accounts.js';
import { planFinding } from './plan-findings.js';
import type { PlanOptions } from './plan-options.js';
import { clampTokenExpiration } from './token-expiration.js';

export interface IrsaPlan {
  roleIdentities: PlannedRoleIdentity[];
  irsaServiceAccounts: PlannedIrsaServiceAccount[];
  irsaWorkloads: PlannedIrsaWorkload[];
  valuesWorkloads: PlannedValuesWorkload[];
  /** Service accounts only the AWS inputs name (trust policies, associations outside the manifests). */
  extraSubjects: RoleSubject[];
  chartValues: PlannedChartValues[];
  findings: Finding[];
}

/**
 * `skip` holds the keys of workloads that must stay as they are: documents that cannot be edited,
 * and workloads the pod identity plan already migrates.
 */
export function planIrsa(given: Inventory, options: PlanOptions, skip: ReadonlySet<string>): IrsaPlan {
  const findings: Finding[] = [];
  const { inventory, outside } = withPodIdentityAssociations(given, options.aws.associations);
  const identities = roleIdentities(inventory, options);
  const byName = new Map([...identities.values()].map((identity) => [identity.name, identity]));
  for (const entry of options.identityMap) if (!byName.has(entry.name)) byName.set(entry.name, { ...entry, source: 'identity-map' });

  const accounts: PlannedIrsaServiceAccount[] = [];
  const planned = new Set<ServiceAccountEntry['doc']>();
  for (const irsa of inventory.irsaServiceAccounts) {
    const identity = identities.get(irsa.roleArn);
    if (!identity) {
      findings.push(planFinding('role-arn-unresolved', `ServiceAccount ${refString(irsa.ref)} is left as it is: "${irsa.roleArn}" is not an IAM role ARN`, irsa.doc.locate(['metadata', 'annotations', ROLE_ARN_ANNOTATION])));
      continue;
    }
    planned.add(irsa.doc);
    const existing = inventory.serviceAccounts.find((account) => account.doc === irsa.doc)?.annotations[CLIENT_ID_ANNOTATION];
    const expiration = clampTokenExpiration(irsa.tokenExpiration);
    if (expiration.problem) findings.push(planFinding('token-expiration-adjusted', `ServiceAccount ${refString(irsa.ref)}: ${expiration.problem}`, irsa.doc.locate(['metadata', 'annotations', 'eks.amazonaws.com/token-expiration'])));
    accounts.push(plannedAccount(irsa.doc, irsa.ref, irsa.roleArn, identity, existing, options, expiration.seconds));
  }
  // A placeholder an earlier run left names its identity, also once cutover has removed the role annotation.
  const identityNamed = (name: string): PlannedRoleIdentity => {
    const known = byName.get(name);
    if (known) return known;
    const created: PlannedRoleIdentity = { roleArn: '', source: 'new', name, subscriptionId: options.subscriptionId, resourceGroup: options.identityResourceGroup, location: options.identityLocation, clientId: null };
    byName.set(name, created);
    return created;
  };
  for (const account of inventory.serviceAccounts) {
    const name = pendingIdentityName(account.annotations[CLIENT_ID_ANNOTATION]);
    if (name === null || planned.has(account.doc)) continue;
    const identity = identityNamed(name);
    accounts.push(plannedAccount(account.doc, account.ref, null, identity, account.annotations[CLIENT_ID_ANNOTATION], options, null));
  }

  const accountByRef = new Map(accounts.map((account) => [refString(account.ref), account]));
  const workloads: PlannedIrsaWorkload[] = [];
  for (const { workload, serviceAccount } of inventory.irsaWorkloads) {
    const key = documentKey(workload.doc);
    const account = accountByRef.get(refString(serviceAccount.ref));
    if (!account || skip.has(key)) continue;
    account.workloads.push(key);
    workloads.push({ key, ref: workload.ref, kind: workload.kind, serviceAccount: serviceAccount.ref });
  }

  const values = planValues(inventory, options, (roleArn) => identities.get(roleArn), identityNamed);
  findings.push(...values.findings);
  const valuesDocs = new Map(inventory.valuesWorkloads.map((entry) => [documentKey(entry.doc), entry.doc]));
  for (const identity of byName.values()) {
    const pendingAccounts = accounts.filter((account) => account.pending && account.identityName === identity.name);
    const pendingValues = values.valuesWorkloads.filter((entry) => entry.pending && entry.identityName === identity.name);
    const pending = [...pendingAccounts.map((account) => refString(account.ref)), ...pendingValues.map((entry) => `Helm values ${valuesDocs.get(entry.key)?.file ?? ''}`)];
    if (pending.length === 0) continue;
    const first = pendingAccounts[0];
    const firstValues = pendingValues[0];
    const location = first
      ? inventory.serviceAccounts.find((account) => documentKey(account.doc) === first.key)?.doc.locate(['metadata', 'annotations', CLIENT_ID_ANNOTATION])
      : firstValues && valuesDocs.get(firstValues.key)?.locate([...(firstValues.serviceAccountPath ?? firstValues.path), 'annotations']);
    // The same words before and after cutover removes the role annotation: verification compares them.
    const what = identity.source === 'new' ? `new managed identity ${identity.name}` : `managed identity ${identity.name} (identity map, no clientId yet)`;
    const names = [...new Set(pending)];
    findings.push(
      planFinding(
        'client-id-pending',
        `${names.join(', ')} carr${names.length === 1 ? 'ies' : 'y'} a placeholder client id until ${what} exists`,
        location ?? { file: '<plan>', line: 1, col: 1 },
      ),
    );
  }
  const inputs = awsInputSubjects(options.aws, outside, inventory, (roleArn) => identities.get(roleArn));
  findings.push(...inputs.findings);
  const charts = planChartValues(inventory, options, (roleArn) => identities.get(roleArn), identityNamed);
  findings.push(...charts.findings);
  const chartIdentities = chartRoleArns(inventory).flatMap((roleArn) => identities.get(roleArn)?.name ?? []);
  const used = new Set([...[...accounts, ...values.valuesWorkloads, ...inputs.subjects].map((entry) => entry.identityName), ...chartIdentities]);
  return {
    roleIdentities: [...byName.values()].filter((identity) => used.has(identity.name)),
    irsaServiceAccounts: accounts,
    irsaWorkloads: workloads,
    valuesWorkloads: values.valuesWorkloads,
    extraSubjects: inputs.subjects,
    chartValues: charts.chartValues,
    findings,
  };
}

/**
 * One identity per role, by ARN order so that names are stable: from the map when it has the
 * role, else a new one named after the role (`-2`, `-3`... when two roles share a name).
 */
function roleIdentities(inventory: Inventory, options: PlanOptions): Map<string, PlannedRoleIdentity> {
  const mapped = new Map(options.identityMap.map((entry) => [entry.roleArn, entry]));
  const taken = new Set(options.identityMap.map((entry) => entry.name));
  const identities = new Map<string, PlannedRoleIdentity>();
  const roleArns = [
    ...inventory.irsaServiceAccounts.map((account) => account.roleArn),
    ...inventory.valuesWorkloads.flatMap((entry) => entry.annotations[ROLE_ARN_ANNOTATION] ?? []),
    ...awsInputRoles(options.aws),
    ...chartRoleArns(inventory),
  ].filter((roleArn) => roleNameOf(roleArn) !== null);
  for (const roleArn of [...new Set(roleArns)].sort()) {
    const entry = mapped.get(roleArn);
    if (entry) {
      identities.set(roleArn, { ...entry, source: 'identity-map' });
      continue;
    }
    const base = identityNameForRole(roleArn);
    let name = base;
    for (let suffix = 2; taken.has(name); suffix++) name = `${base.slice(0, 120)}-${suffix}`;
    taken.add(name);
    identities.set(roleArn, {
      roleArn,
      source: 'new',
      name,
      subscriptionId: options.subscriptionId,
      resourceGroup: options.identityResourceGroup,
      location: options.identityLocation,
      clientId: null,
    });
  }
  return identities;
}

/** A client id someone already wrote is kept until the map knows better; otherwise the placeholder. */
function plannedAccount(
  doc: ServiceAccountEntry['doc'],
  ref: ServiceAccountEntry['ref'],
  roleArn: string | null,
  identity: PlannedRoleIdentity,
  existing: string | undefined,
  options: PlanOptions,
  tokenExpiration: number | null,
): PlannedIrsaServiceAccount {
  const clientId = identity.clientId ?? (existing !== undefined && isGuid(existing) ? existing : null);
  return {
    key: documentKey(doc),
    ref,
    roleArn,
    identityName: identity.name,
    clientId: clientId ?? pendingClientId(identity.name),
    pending: clientId === null,
    tenantId: options.tenantId,
    tokenExpiration,
    workloads: [],
  };
}
