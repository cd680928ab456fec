/**
 * EKS IRSA to Workload ID (DESIGN §4, §5): each IAM role becomes a user-assigned managed identity
 * (from the identity map, or a new one named after the role), each IRSA service account carries
 * that identity's client id, and every pod running under it gets the Workload ID label. Until an
 * identity exists its client id is unknown: the service accounts then carry a pending placeholder
 * naming the identity, which a later run with the completed map replaces.
 */
import { ROLE_ARN_ANNOTATION } from '../analyzers/inventory/read-irsa.js';
import { pendingIdentityName } from '../azure/role-identity-name.js';
import { pendingClientIdFindings } from './pending-client-ids.js';
import { clientIdToWrite, roleIdentities } from './role-identities.js';
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
  const identities = roleIdentities(
    [
      ...inventory.irsaServiceAccounts.map((account) => account.roleArn),
      ...inventory.valuesWorkloads.flatMap((entry) => entry.annotations[ROLE_ARN_ANNOTATION] ?? []),
      ...awsInputRoles(options.aws),
      ...chartRoleArns(inventory),
    ],
    options,
  );

  const accounts: PlannedIrsaServiceAccount[] = [];
  const planned = new Set<ServiceAccountEntry['doc']>();
  const accountOfDoc = new Map(inventory.serviceAccounts.map((account) => [account.doc, account]));
  for (const irsa of inventory.irsaServiceAccounts) {
    const identity = identities.forRole(irsa.roleArn);
    if (!identity) {
      findings.push(planFinding('role-arn-unresolved', `ServiceAccount ${refString(irsa.ref)} is left as it is: "${irsa.roleArn}" is not an IAM role ARN`, irsa.doc.locate(['metadata', 'annotations', ROLE_ARN_ANNOTATION])));
      continue;
    }
    planned.add(irsa.doc);
    const existing = accountOfDoc.get(irsa.doc)?.annotations[CLIENT_ID_ANNOTATION];
    const expiration = clampTokenExpiration(irsa.tokenExpiration);
    if (expiration.problem) findings.push(planFinding('token-expiration-adjusted', `ServiceAccount ${refString(irsa.ref)}: ${expiration.problem}`, irsa.doc.locate(['metadata', 'annotations', 'eks.amazonaws.com/token-expiration'])));
    accounts.push(plannedAccount(irsa.doc, irsa.ref, irsa.roleArn, identity, existing, options, expiration.seconds));
  }
  // Accounts an earlier run left pending, also once cutover has removed their role annotation.
  for (const account of inventory.serviceAccounts) {
    const name = pendingIdentityName(account.annotations[CLIENT_ID_ANNOTATION]);
    if (name === null || planned.has(account.doc)) continue;
    accounts.push(plannedAccount(account.doc, account.ref, null, identities.named(name), account.annotations[CLIENT_ID_ANNOTATION], options, null));
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

  const values = planValues(inventory, options, identities.forRole, identities.named);
  const inputs = awsInputSubjects(options.aws, outside, inventory, identities.forRole);
  const charts = planChartValues(inventory, options, identities.forRole, identities.named);
  findings.push(...values.findings, ...inputs.findings, ...charts.findings);
  findings.push(...pendingClientIdFindings(identities.all(), accounts, values.valuesWorkloads, inventory));
  const chartIdentities = chartRoleArns(inventory).flatMap((roleArn) => identities.forRole(roleArn)?.name ?? []);
  const used = new Set([...[...accounts, ...values.valuesWorkloads, ...inputs.subjects].map((entry) => entry.identityName), ...chartIdentities]);
  return {
    roleIdentities: identities.all().filter((identity) => used.has(identity.name)),
    irsaServiceAccounts: accounts,
    irsaWorkloads: workloads,
    valuesWorkloads: values.valuesWorkloads,
    extraSubjects: inputs.subjects,
    chartValues: charts.chartValues,
    findings,
  };
}

/** An IRSA service account as planned (its client id: see clientIdToWrite). */
function plannedAccount(
  doc: ServiceAccountEntry['doc'],
  ref: ServiceAccountEntry['ref'],
  roleArn: string | null,
  identity: PlannedRoleIdentity,
  existing: string | undefined,
  options: PlanOptions,
  tokenExpiration: number | null,
): PlannedIrsaServiceAccount {
  return {
    key: documentKey(doc),
    ref,
    roleArn,
    identityName: identity.name,
    ...clientIdToWrite(identity, existing),
    tenantId: options.tenantId,
    tokenExpiration,
    workloads: [],
  };
}
