/**
 * The shape of migrations/aws-permissions.yaml: Azure built-in roles
 * (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles) suggested for
 * AWS IAM actions and AWS managed policies. Suggestions only: the Azure scope is never known.
 */

/**
 * How the role is assigned: an Azure RBAC role assignment, or a Cosmos DB SQL role assignment
 * (Cosmos DB's data roles live in the account, https://learn.microsoft.com/azure/cosmos-db/how-to-setup-rbac).
 */
export type RoleAssignmentKind = 'azure-rbac' | 'cosmos-db-sql';

export interface AzureRoleEntry {
  /** The role's exact name, as `az role assignment create --role` takes it. */
  name: string;
  /** The built-in role definition GUID, when confirmed; absent rather than guessed. */
  id?: string;
  assignment: RoleAssignmentKind;
  azureService: string;
  /** Where to assign it, in words: the tool never knows the Azure resource. */
  scopeHint: string;
}

export interface ActionRule {
  /** IAM action patterns (`s3:Get*`), matched case-insensitively. */
  actions: string[];
  /** Names of entries in `roles`; several are alternatives (Queue Storage or Service Bus). */
  roles: string[];
  note?: string;
}

export interface ServiceEntry {
  /** The IAM action prefix, lower case: `s3`, `secretsmanager`. */
  prefix: string;
  awsService: string;
  /** Roles for actions of this service that no rule matches; none means "map by hand". */
  fallback: string[];
  note?: string;
  rules: ActionRule[];
}

export interface ManagedPolicyEntry {
  /** The AWS managed policy name: `AmazonS3ReadOnlyAccess`. */
  name: string;
  roles: string[];
  note?: string;
}

export interface AwsPermissionTable {
  roles: AzureRoleEntry[];
  services: ServiceEntry[];
  managedPolicies: ManagedPolicyEntry[];
}
