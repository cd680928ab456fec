/**
 * The optional AWS inputs in the plan (DESIGN §4): EKS Pod Identity associations migrate like
 * IRSA annotations; IAM trust policies name the service accounts a role's identity must trust
 * (wildcards expanded against the manifests, since Entra credentials take none); a role's IAM
 * policies give Azure role assignment suggestions, always with the scope left to fill in.
 */
import { expandSubjectPatterns, suggestRoleAssignments, type PodIdentityAssociation } from '../aws/index.js';
import { matchIrsaWorkloads } from '../analyzers/inventory/read-irsa.js';
import type { Finding } from '../model/finding.js';
import type { Inventory } from '../model/inventory.js';
import { refString } from '../model/inventory.js';
import type { PlannedRoleAssignment, PlannedRoleIdentity } from '../model/plan.js';
import type { RoleSubject } from './plan-irsa-credentials.js';
import { planFinding } from './plan-findings.js';
import type { AwsInputs } from './plan-options.js';

const at = (file: string) => ({ file, line: 1, col: 1 });

/**
 * Service accounts of the manifests that a Pod Identity association names become IRSA accounts
 * of the association's role (for a cross-account association, the target role); associations
 * whose account is not in the manifests are returned as they are.
 */
export function withPodIdentityAssociations(inventory: Inventory, associations: readonly PodIdentityAssociation[]): { inventory: Inventory; outside: PodIdentityAssociation[] } {
  if (associations.length === 0) return { inventory, outside: [] };
  const annotated = new Set(inventory.irsaServiceAccounts.map((account) => refString(account.ref)));
  const added = [];
  const outside: PodIdentityAssociation[] = [];
  for (const association of associations) {
    const ref = { namespace: association.namespace, name: association.serviceAccount };
    const accounts = inventory.serviceAccounts.filter((account) => refString(account.ref) === refString(ref));
    if (accounts.length === 0) outside.push(association);
    if (annotated.has(refString(ref))) continue;
    for (const account of accounts) {
      added.push({ ref, roleArn: association.targetRoleArn ?? association.roleArn, audience: null, stsRegionalEndpoints: null, tokenExpiration: null, doc: account.doc });
    }
  }
  const irsaServiceAccounts = [...inventory.irsaServiceAccounts, ...added];
  return { inventory: { ...inventory, irsaServiceAccounts, irsaWorkloads: matchIrsaWorkloads(inventory.workloads, irsaServiceAccounts) }, outside };
}

/** Every IAM role the inputs name, so that each gets its managed identity. */
export function awsInputRoles(aws: AwsInputs): string[] {
  return [...aws.trust.map((role) => role.roleArn), ...aws.associations.map((association) => association.targetRoleArn ?? association.roleArn)];
}

/** The service accounts each role's identity must trust, from trust policies and from associations outside the manifests. */
export function awsInputSubjects(aws: AwsInputs, outside: readonly PodIdentityAssociation[], inventory: Inventory, identityOf: (roleArn: string) => PlannedRoleIdentity | undefined): { subjects: RoleSubject[]; findings: Finding[] } {
  const subjects: RoleSubject[] = [];
  const findings: Finding[] = [];
  const accounts = inventory.serviceAccounts.map((account) => account.ref);
  for (const role of aws.trust) {
    for (const problem of role.problems) findings.push(planFinding('aws-input-problem', problem, at(role.source)));
    const identity = identityOf(role.roleArn);
    if (!identity) continue;
    const expansion = expandSubjectPatterns(role.subjects, accounts);
    for (const subject of expansion.subjects) subjects.push({ ref: { namespace: subject.namespace, name: subject.name }, identityName: identity.name, location: at(role.source) });
    for (const pattern of expansion.unmatched.filter((entry) => entry.wildcard)) {
      findings.push(planFinding('aws-input-problem', `Role ${role.roleName} trusts ${pattern.pattern}, which matches no service account in the scanned files: no federated credential is planned for it`, at(role.source)));
    }
  }
  for (const association of outside) {
    const identity = identityOf(association.targetRoleArn ?? association.roleArn);
    if (identity) subjects.push({ ref: { namespace: association.namespace, name: association.serviceAccount }, identityName: identity.name, location: at(association.source) });
  }
  for (const entry of aws.needsDescribe) findings.push(planFinding('aws-input-problem', entry.message, at(entry.source)));
  for (const error of aws.errors) findings.push(planFinding('aws-input-unreadable', error.message, at(error.file)));
  return { subjects, findings };
}

/** Azure role assignments suggested from each role's IAM policies. */
export function planRoleAssignments(aws: AwsInputs, identities: readonly PlannedRoleIdentity[]): { roleAssignments: PlannedRoleAssignment[]; findings: Finding[] } {
  const roleAssignments: PlannedRoleAssignment[] = [];
  const findings: Finding[] = [];
  if (aws.permissionTable === null) return { roleAssignments, findings };
  for (const role of aws.permissions) {
    const result = suggestRoleAssignments(role, aws.permissionTable);
    const identity = identities.find((entry) => entry.roleArn.endsWith(`/${role.roleName}`));
    roleAssignments.push(...result.suggestions.map((suggestion) => ({ ...suggestion, identityName: identity?.name ?? null })));
    for (const problem of result.problems) findings.push(planFinding('permission-needs-review', problem, at(`<permissions of ${role.roleName}>`)));
    for (const unmapped of result.unmapped) findings.push(planFinding('permission-needs-review', unmapped.message, at(`<permissions of ${role.roleName}>`)));
  }
  return { roleAssignments, findings };
}
