/**
 * The optional AWS inputs of an IRSA migration, for the CLI and the planner: IAM trust policies
 * (which service accounts a role trusts), EKS Pod Identity associations, and Azure role
 * assignment suggestions from a role's IAM policies. File reading is in the read-* modules;
 * everything else is pure.
 */
export { expandSubjectPatterns, type ConcreteSubject, type ServiceAccountRef, type SubjectExpansion } from './expand-subjects.js';
export { AWS_PERMISSIONS_FILE, AWS_PERMISSIONS_FILE_NAME, loadAwsPermissions, mergeAwsPermissionTables, readAwsPermissionsFile } from './load-aws-permissions.js';
export { matchAction, type ActionMatch } from './map-action.js';
export type { ActionRule, AwsPermissionTable, AzureRoleEntry, ManagedPolicyEntry, RoleAssignmentKind, ServiceEntry } from './permission-table.js';
export { mergeAssociations, parseAssociationOutput, type AssociationNeedingDescribe, type PodIdentityAssociation } from './pod-identity-associations.js';
export { parsePolicyDocument, type PolicyStatement } from './policy-document.js';
export type { AwsInputError } from './read-json-inputs.js';
export { readPodIdentityAssociations, type PodIdentityInputs } from './read-pod-identity-associations.js';
export { readRolePermissions, type RolePermissionInputs } from './read-role-permissions.js';
export { readTrustPolicies, type TrustPolicies } from './read-trust-policies.js';
export { collectRolePolicies, type RolePolicies } from './role-policies.js';
export { suggestRoleAssignments, type PermissionSuggestions, type RoleAssignmentSuggestion, type SuggestionBasis, type UnmappedPermission } from './suggest-role-assignments.js';
export { parseRoleOutput, readTrust, type RoleTrust, type SubjectPattern } from './trust-policy.js';
