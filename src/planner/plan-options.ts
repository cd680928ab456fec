import type { AssociationNeedingDescribe, AwsInputError, AwsPermissionTable, PodIdentityAssociation, RolePolicies, RoleTrust } from '../aws/index.js';
import type { MigrationPhase } from '../model/plan.js';
import type { RenderedBuild } from '../model/rendered-build.js';

export interface PlanOptions {
  phase: MigrationPhase;
  /** The cluster's OIDC issuer URL, exactly as the token's `iss` (trailing slash included). */
  issuer: string | null;
  tenantId: string | null;
  /** Name of service accounts the tool creates; `{identity}`, `{workload}` and `{namespace}` are replaced. */
  serviceAccountName: string;
  /** Opt-in migration proxy sidecar for apps on old SDKs. */
  proxySidecar: boolean;
  /** IRSA: the managed identity of each IAM role (--identity-map), and where new ones go. */
  identityMap: readonly RoleIdentityMapping[];
  subscriptionId: string | null;
  identityResourceGroup: string | null;
  identityLocation: string | null;
  /** Optional AWS inputs (--trust-policies, --pod-identity-associations, --aws-permissions), read at the edge. */
  aws: AwsInputs;
  /**
   * --render: what the top kustomizations build (read at the CLI edge). Federated credentials
   * and the built names of service accounts and workloads follow it; the edits stay on the
   * source names, which kustomize renames at build time.
   */
  rendered?: readonly RenderedBuild[];
}

export interface AwsInputs {
  trust: readonly RoleTrust[];
  associations: readonly PodIdentityAssociation[];
  needsDescribe: readonly AssociationNeedingDescribe[];
  permissions: readonly RolePolicies[];
  /** The permissions table, when permissions were given. */
  permissionTable: AwsPermissionTable | null;
  errors: readonly AwsInputError[];
}

export const NO_AWS_INPUTS: AwsInputs = { trust: [], associations: [], needsDescribe: [], permissions: [], permissionTable: null, errors: [] };

/** One entry of the identity map: the user-assigned managed identity that replaces an IAM role. */
export interface RoleIdentityMapping {
  roleArn: string;
  name: string;
  subscriptionId: string | null;
  resourceGroup: string | null;
  location: string | null;
  clientId: string | null;
}

export const DEFAULT_SERVICE_ACCOUNT_NAME = '{identity}-wi';

export const DEFAULT_PLAN_OPTIONS: PlanOptions = {
  phase: 'prepare',
  issuer: null,
  tenantId: null,
  serviceAccountName: DEFAULT_SERVICE_ACCOUNT_NAME,
  proxySidecar: false,
  identityMap: [],
  subscriptionId: null,
  identityResourceGroup: null,
  identityLocation: null,
  aws: NO_AWS_INPUTS,
};
