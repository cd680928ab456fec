import type { Finding } from './finding.js';
import type { SourceLocation } from './location.js';
import type { RoleAssignmentSuggestion } from '../aws/index.js';
import type { NodePath } from './document.js';
import type { ObjectRef } from './inventory.js';

export type MigrationPhase = 'prepare' | 'cutover';

/** Where a federated identity credential lives (DESIGN.md §6). */
export type CredentialTarget =
  | {
      kind: 'managed-identity';
      subscriptionId: string;
      resourceGroup: string;
      identityName: string;
      resourceId: string;
    }
  /** Service-principal identities (types 1, 2): the credential goes on the app registration. */
  | { kind: 'app-registration'; clientId: string }
  /** The identity's resource ID is missing or unparseable: a person must say which identity. */
  | { kind: 'unknown'; reason: string };

export interface PlannedFederatedCredential {
  name: string;
  issuer: string;
  subject: string;
  audiences: string[];
  target: CredentialTarget;
  /**
   * The AzureIdentity it serves; for IRSA, the managed identity that takes over the IAM role
   * (an Azure resource, so with an empty namespace).
   */
  identity: ObjectRef;
  /** IRSA only: the IAM role the credential replaces. */
  roleArn?: string;
  /** The service account whose tokens it trusts (with --render, as the kustomize build names it). */
  serviceAccount: ObjectRef;
  /** --render: the service account as the source files name it, when the build renames it or moves it to another namespace. */
  sourceServiceAccount?: ObjectRef;
}

/**
 * The user-assigned managed identity that takes over an IAM role (IRSA): from the identity map
 * (--identity-map), or a new one named after the role, to be created.
 */
export interface PlannedRoleIdentity {
  roleArn: string;
  source: 'identity-map' | 'new';
  name: string;
  subscriptionId: string | null;
  resourceGroup: string | null;
  location: string | null;
  /** Null until the identity exists and the map says it: service accounts then carry a pending placeholder. */
  clientId: string | null;
}

/** An IRSA service account and what it carries under Workload ID. */
export interface PlannedIrsaServiceAccount {
  key: string;
  ref: ObjectRef;
  /** Null when only a pending placeholder from an earlier run says which identity it has. */
  roleArn: string | null;
  identityName: string;
  /** The identity's client id, or the pending placeholder (see pendingClientId). */
  clientId: string;
  pending: boolean;
  tenantId: string | null;
  /** `eks.amazonaws.com/token-expiration` clamped to what Workload ID accepts, in seconds. */
  tokenExpiration: number | null;
  /** Keys of the workload documents whose pods run under it. */
  workloads: string[];
  /** --render: what the kustomize builds that include it name it (one per build); absent when none does. */
  built?: ObjectRef[];
}

/** Pods configured by Helm values (read-values.ts) that move to Workload ID. */
export interface PlannedValuesWorkload {
  /** The values document's key, and the map holding `serviceAccount` and `podLabels`. */
  key: string;
  path: NodePath;
  serviceAccountPath: NodePath | null;
  source: 'irsa' | 'pod-identity';
  /** The managed identity (IRSA) or the AzureIdentity (namespace/name). */
  identityName: string;
  clientId: string;
  pending: boolean;
  tenantId: string | null;
  /** Known when a GitOps object gives the release namespace and the values name the account. */
  serviceAccount: ObjectRef | null;
  location: SourceLocation;
}

/** Chart-specific identity values (migrations/helm-charts.yaml) and their edits, paths from the document root. */
export interface PlannedChartValues {
  key: string;
  chartId: string;
  edits: ({ op: 'set'; path: NodePath; value: string | boolean } | { op: 'delete'; path: NodePath })[];
}

/** An Azure role assignment suggested from an IAM role's policies; the scope is for a person to fill in. */
export interface PlannedRoleAssignment extends RoleAssignmentSuggestion {
  /** The managed identity that takes over the role, when the plan has one. */
  identityName: string | null;
}

/** A workload whose pods run under an IRSA service account. */
export interface PlannedIrsaWorkload {
  key: string;
  ref: ObjectRef;
  kind: string;
  serviceAccount: ObjectRef;
  /** --render: the workload as the kustomize builds that include it name it, one per build. */
  built?: BuiltWorkload[];
}

/** --render: a workload as one kustomize build names it, and the service account its pods run under there. */
export interface BuiltWorkload {
  ref: ObjectRef;
  serviceAccount: ObjectRef;
}

/**
 * create: a new ServiceAccount document is written beside the first workload using it.
 * annotate: the ServiceAccount document found in the sources gets the annotations.
 * external: the workload names a service account not found in the sources; a person annotates it.
 */
export type ServiceAccountAction = 'create' | 'annotate' | 'external';

export interface PlannedServiceAccount {
  ref: ObjectRef;
  action: ServiceAccountAction;
  clientId: string;
  tenantId: string | null;
  /** The identity whose client id the service account carries. */
  identity: ObjectRef;
  /** Keys of the workload documents that run under it. */
  workloads: string[];
  /**
   * --render: the service account as the kustomize builds that include its workloads name it (a
   * created one gets the same prefix and suffix as the workload beside it); absent when none does.
   */
  built?: ObjectRef[];
}

export interface PlannedWorkload {
  /** The workload document key (see documentKey). */
  key: string;
  ref: ObjectRef;
  kind: string;
  serviceAccount: ObjectRef;
  /** Every identity the workload receives today; the first is the one its service account carries. */
  identities: ObjectRef[];
  proxySidecar: boolean;
  /** --render: the workload as the kustomize builds that include it name it, one per build. */
  built?: BuiltWorkload[];
}

/** A SecretProviderClass switched from pod identity to Workload ID mode. */
export interface PlannedSecretProviderClass {
  key: string;
  ref: ObjectRef;
  clientId: string;
}

/** A pod identity resource that cutover deletes. */
export interface PlannedRemoval {
  key: string;
  kind: string;
  ref: ObjectRef;
}

export interface ManualStep {
  id: string;
  text: string;
  location?: SourceLocation;
}

export interface MigrationPlan {
  phase: MigrationPhase;
  issuer: string | null;
  tenantId: string | null;
  serviceAccounts: PlannedServiceAccount[];
  workloads: PlannedWorkload[];
  federatedCredentials: PlannedFederatedCredential[];
  secretProviderClasses: PlannedSecretProviderClass[];
  /** Cutover only: the AzureIdentity, AzureIdentityBinding and AzurePodIdentityException documents to delete. */
  removals: PlannedRemoval[];
  /** IRSA: one managed identity per IAM role, the service accounts and the workloads under them. */
  roleIdentities: PlannedRoleIdentity[];
  irsaServiceAccounts: PlannedIrsaServiceAccount[];
  irsaWorkloads: PlannedIrsaWorkload[];
  /** Helm values files: the pods they configure. */
  valuesWorkloads: PlannedValuesWorkload[];
  chartValues: PlannedChartValues[];
  /** Azure role assignments suggested from IAM policies (--aws-permissions): suggestions, scope to fill in. */
  roleAssignments: PlannedRoleAssignment[];
  manualSteps: ManualStep[];
  /** Problems found while planning (offline validation of the credentials among them). */
  findings: Finding[];
}
