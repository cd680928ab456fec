/**
 * Suggests Azure RBAC role assignments for the managed identity that replaces an IAM role,
 * from the role's policies and the permissions table (migrations/aws-permissions.yaml). IAM
 * grants per action and resource (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html);
 * Azure grants a role at a scope (https://learn.microsoft.com/azure/role-based-access-control/role-assignments-steps).
 * The scope is never known here, so every result is a suggestion with a scope to fill in.
 * Deny, NotAction, conditions and wildcards over whole services are reported, not mapped silently.
 */
import type { PolicyStatement } from './policy-document.js';
import { matchAction } from './map-action.js';
import type { AwsPermissionTable, AzureRoleEntry, RoleAssignmentKind } from './permission-table.js';
import type { AttachedPolicyRef, RolePolicies } from './role-policies.js';

export type SuggestionBasis = 'action' | 'prefix-fallback' | 'managed-policy';

export interface RoleAssignmentSuggestion {
  /** The AWS IAM role whose permissions led to it. */
  roleName: string;
  /** The Azure built-in role's exact name. */
  azureRole: string;
  /** The built-in role definition GUID, when the table has a confirmed one. */
  roleDefinitionId?: string;
  assignment: RoleAssignmentKind;
  azureService: string;
  /** Always null: the Azure resource to assign at is not known. Fill it in before assigning. */
  scope: null;
  /** Where to assign it, in words. */
  scopeHint: string;
  /** The IAM actions that led to it (for managed-policy: the policy name). */
  awsActions: string[];
  /** The IAM resources of those statements, to help choose the scope. */
  awsResources: string[];
  policies: string[];
  /** The most specific reason: a rule for the action, then a managed policy, then the service's fallback. */
  basis: SuggestionBasis;
  suggestionOnly: true;
  notes: string[];
  message: string;
}

/** Actions with no suggestion at all: map them by hand. */
export interface UnmappedPermission {
  roleName: string;
  policyName: string;
  awsActions: string[];
  message: string;
}

export interface PermissionSuggestions {
  suggestions: RoleAssignmentSuggestion[];
  unmapped: UnmappedPermission[];
  problems: string[];
}

const BASIS_ORDER: readonly SuggestionBasis[] = ['action', 'managed-policy', 'prefix-fallback'];
const AWS_MANAGED_POLICY_ARN = /^arn:aws[a-z-]*:iam::aws:policy\//;

export function suggestRoleAssignments(role: RolePolicies, table: AwsPermissionTable): PermissionSuggestions {
  const collector: Collected = { roleName: role.roleName, table, byRole: new Map(), unmapped: [] };
  const problems = [...role.problems];
  for (const document of role.documents) {
    for (const statement of document.statements) readStatement(statement, document.policyName, collector, problems);
  }
  if (role.attached === null) {
    problems.push(`role ${role.roleName}: no attached.json, so its attached managed policies are unknown; save the output of \`aws iam list-attached-role-policies --role-name ${role.roleName}\``);
  }
  for (const attached of role.attached ?? []) readAttached(attached, role, collector, problems);
  return { suggestions: finishSuggestions(collector), unmapped: collector.unmapped.sort((a, b) => a.policyName.localeCompare(b.policyName) || String(a.awsActions).localeCompare(String(b.awsActions))), problems };
}

function readStatement(statement: PolicyStatement, policyName: string, collector: Collected, problems: string[]): void {
  const where = `role ${collector.roleName}, policy ${policyName}, ${statement.label}`;
  if (statement.effect === 'Deny') {
    problems.push(`${where}: a Deny statement (${describeActions(statement)}) is not carried over; Azure role assignments only allow, so make sure the suggested roles and scopes do not grant it`);
    return;
  }
  if (statement.notActions !== null) {
    problems.push(`${where}: NotAction allows everything except ${statement.notActions.join(', ')}; no suggestion, map it by hand`);
    return;
  }
  if (statement.notResources !== null) {
    problems.push(`${where}: NotResource excludes ${statement.notResources.join(', ')}; choose scopes that leave them out`);
  }
  if (statement.conditions.length > 0) {
    const conditions = statement.conditions.map((condition) => `${condition.operator} ${condition.key}`).join(', ');
    problems.push(`${where}: its conditions (${conditions}) are not carried over; reproduce them with the scope or an Azure ABAC condition`);
  }
  for (const action of statement.actions) {
    const match = matchAction(action, collector.table);
    const resources = statement.resources;
    switch (match.kind) {
      case 'rule':
        addSuggestions(collector, match.rule.roles, 'action', [action], resources, policyName, match.rule.note);
        break;
      case 'prefix-fallback':
      case 'service-wildcard':
        if (match.kind === 'service-wildcard') {
          problems.push(`${where}: ${action} allows every ${match.service.awsService} action; ${match.service.fallback.length > 0 ? `suggested the service's general role (${match.service.fallback.join(', ')}), check it covers what the workload does` : 'no suggestion, map it by hand'}`);
        }
        if (match.service.fallback.length > 0) addSuggestions(collector, match.service.fallback, 'prefix-fallback', [action], resources, policyName, match.service.note);
        else addUnmapped(collector, policyName, action, `no rule and no general role for these ${match.service.awsService} actions; map them by hand`);
        break;
      case 'unknown-service':
        addUnmapped(collector, policyName, action, `no suggestion for the AWS service "${match.prefix}"; map its actions by hand`);
        break;
      case 'all-services':
        problems.push(`${where}: ${action} is not limited to one AWS service; no suggestion, map it by hand (and avoid an Owner or Contributor role as its equivalent)`);
        break;
      case 'malformed':
        problems.push(`${where}: "${action}" is not an IAM action (<service>:<action>); ignored`);
        break;
    }
  }
}

function readAttached(attached: AttachedPolicyRef, role: RolePolicies, collector: Collected, problems: string[]): void {
  if (role.documents.some((document) => document.kind === 'managed' && document.policyName === attached.policyName)) return;
  if (!AWS_MANAGED_POLICY_ARN.test(attached.policyArn)) {
    problems.push(
      `role ${role.roleName}: customer managed policy ${attached.policyName} has no document; save the output of \`aws iam get-policy-version --policy-arn ${attached.policyArn} --version-id <its default version>\` as ${role.roleName}/${attached.policyName}.json`,
    );
    return;
  }
  const known = collector.table.managedPolicies.find((entry) => entry.name.toLowerCase() === attached.policyName.toLowerCase());
  if (known) addSuggestions(collector, known.roles, 'managed-policy', [attached.policyName], [], attached.policyName, known.note);
  else {
    addUnmapped(
      collector,
      attached.policyName,
      attached.policyName,
      `AWS managed policy ${attached.policyName} is not in the table; save its get-policy-version output as ${role.roleName}/${attached.policyName}.json to map its actions, or map it by hand`,
    );
  }
}

function describeActions(statement: PolicyStatement): string {
  return statement.notActions !== null ? `NotAction ${statement.notActions.join(', ')}` : statement.actions.join(', ') || 'no actions';
}

/** What one role's policies have led to so far: one suggestion per Azure role. */
interface Collected {
  roleName: string;
  table: AwsPermissionTable;
  byRole: Map<string, RoleAssignmentSuggestion>;
  unmapped: UnmappedPermission[];
}

function addSuggestions(collected: Collected, roles: readonly string[], basis: SuggestionBasis, actions: readonly string[], resources: readonly string[], policyName: string, note: string | undefined): void {
  for (const name of roles) {
    const entry = collected.table.roles.find((role) => role.name === name);
    if (!entry) continue; // the loader checks references; a hand-made table may not
    const suggestion = collected.byRole.get(name) ?? newSuggestion(collected.roleName, entry, basis);
    collected.byRole.set(name, suggestion);
    if (BASIS_ORDER.indexOf(basis) < BASIS_ORDER.indexOf(suggestion.basis)) suggestion.basis = basis;
    addUnique(suggestion.awsActions, actions);
    addUnique(suggestion.awsResources, resources);
    addUnique(suggestion.policies, [policyName]);
    if (note !== undefined) addUnique(suggestion.notes, [note]);
  }
}

function addUnmapped(collected: Collected, policyName: string, action: string, message: string): void {
  const text = `role ${collected.roleName}, policy ${policyName}: ${message}`;
  const known = collected.unmapped.find((entry) => entry.policyName === policyName && entry.message === text);
  if (known) addUnique(known.awsActions, [action]);
  else collected.unmapped.push({ roleName: collected.roleName, policyName, awsActions: [action], message: text });
}

function finishSuggestions(collected: Collected): RoleAssignmentSuggestion[] {
  return [...collected.byRole.values()]
    .map((suggestion) => {
      const sorted = { ...suggestion, awsActions: [...suggestion.awsActions].sort(), awsResources: [...suggestion.awsResources].sort(), policies: [...suggestion.policies].sort() };
      return { ...sorted, message: suggestionMessage(sorted) };
    })
    .sort((a, b) => a.azureRole.localeCompare(b.azureRole));
}

function newSuggestion(roleName: string, entry: AzureRoleEntry, basis: SuggestionBasis): RoleAssignmentSuggestion {
  return {
    roleName,
    azureRole: entry.name,
    ...(entry.id !== undefined ? { roleDefinitionId: entry.id } : {}),
    assignment: entry.assignment,
    azureService: entry.azureService,
    scope: null,
    scopeHint: entry.scopeHint,
    awsActions: [],
    awsResources: [],
    policies: [],
    basis,
    suggestionOnly: true,
    notes: [],
    message: '',
  };
}

function suggestionMessage(suggestion: RoleAssignmentSuggestion): string {
  const id = suggestion.roleDefinitionId !== undefined ? ` (${suggestion.roleDefinitionId})` : ' (role id not confirmed: look it up with `az role definition list --name`)';
  const how = suggestion.assignment === 'cosmos-db-sql' ? ' as a Cosmos DB SQL role assignment (`az cosmosdb sql role assignment create`)' : '';
  const why = suggestion.basis === 'managed-policy' ? `AWS managed policy ${suggestion.awsActions.join(', ')}` : `${suggestion.awsActions.join(', ')}${suggestion.basis === 'prefix-fallback' ? ', by service' : ''}`;
  const notes = suggestion.notes.length > 0 ? ` Note: ${suggestion.notes.join('; ')}.` : '';
  return `Suggestion only, scope to fill in: assign "${suggestion.azureRole}"${id}${how} to the managed identity replacing IAM role ${suggestion.roleName}, at ${suggestion.scopeHint}. From ${why}.${notes}`;
}

function addUnique(target: string[], values: readonly string[]): void {
  for (const value of values) if (!target.includes(value)) target.push(value);
}
