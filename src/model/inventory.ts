import type { HelmChartRule } from '../analyzers/analyzer-options.js';
import type { ManifestDocument, NodePath } from './document.js';
import type { SourceLocation } from './location.js';

/** A namespaced object name. */
export interface ObjectRef {
  namespace: string;
  name: string;
}

/** AzureIdentity.spec.type: 0 user-assigned MI, 1 SP with secret, 2 SP with certificate. */
export type AzureIdentityType = 0 | 1 | 2;

export interface AzureIdentityEntry {
  ref: ObjectRef;
  /** Null when the field is missing or not one of 0, 1, 2. */
  type: AzureIdentityType | null;
  resourceId: string | null;
  clientId: string | null;
  tenantId: string | null;
  /** Whether spec.clientPassword references a secret. The secret itself is never read. */
  hasClientPassword: boolean;
  /** `aadpodidentity.k8s.io/Behavior: namespaced` on the identity. */
  namespaced: boolean;
  doc: ManifestDocument;
}

export interface AzureIdentityBindingEntry {
  ref: ObjectRef;
  identityName: string | null;
  selector: string | null;
  doc: ManifestDocument;
}

export interface PodIdentityExceptionEntry {
  ref: ObjectRef;
  podLabels: Record<string, string>;
  doc: ManifestDocument;
}

/** Anything that runs pods: a built-in workload, a bare Pod, or an unknown kind with spec.template. */
export interface WorkloadEntry {
  ref: ObjectRef;
  kind: string;
  apiVersion: string;
  doc: ManifestDocument;
  /** Path of the pod template (metadata + spec) relative to the object; `[]` for a bare Pod. */
  templatePath: NodePath;
  podLabels: Record<string, string>;
  podAnnotations: Record<string, string>;
  /** spec.selector.matchLabels of the workload, which Kubernetes never lets change. */
  selectorLabels: Record<string, string>;
  /** Null when the pod runs under the namespace's `default` service account. */
  serviceAccountName: string | null;
  hostNetwork: boolean;
  windows: boolean;
  /** Job, CronJob: pods that must finish, which a non-native sidecar prevents. */
  runsToCompletion: boolean;
  /** SecretProviderClasses the pods mount through the Secrets Store CSI driver. */
  secretProviderClasses: string[];
  /** Container images, init containers included. */
  images: string[];
  /** Hard-coded EKS web identity env (AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE) in any container, with its path in the pod spec. */
  awsWebIdentityEnv: { name: string; path: NodePath }[];
}

export interface ServiceAccountEntry {
  ref: ObjectRef;
  annotations: Record<string, string>;
  doc: ManifestDocument;
}

/** A ServiceAccount annotated for EKS IRSA (`eks.amazonaws.com/role-arn`). */
export interface IrsaServiceAccountEntry {
  ref: ObjectRef;
  roleArn: string;
  audience: string | null;
  stsRegionalEndpoints: string | null;
  tokenExpiration: string | null;
  doc: ManifestDocument;
}

/**
 * A place in a Helm values file that configures one set of pods (read-values.ts): its service
 * account settings and pod labels, when they use IRSA, pod identity or carry a client id.
 */
export interface ValuesWorkloadEntry {
  doc: ManifestDocument;
  /** The map holding `serviceAccount` and `podLabels` (`[]` for the root). */
  path: NodePath;
  /** Where the service account settings are; null when the block has only pod labels. */
  serviceAccountPath: NodePath | null;
  /** `serviceAccount.create` is not false: the chart creates the account and applies the annotations. */
  create: boolean;
  serviceAccountName: string | null;
  annotations: Record<string, string>;
  podLabels: Record<string, string>;
  /** `podLabels.aadpodidbinding`. */
  selector: string | null;
  /** The namespace the release goes to, when a GitOps object says it. */
  releaseNamespace: string | null;
}

/** Values of a chart with identity settings of its own (migrations/helm-charts.yaml). */
export interface ChartValuesEntry {
  doc: ManifestDocument;
  /** Where the chart's values start in the document. */
  root: NodePath;
  chart: HelmChartRule;
}

/** A kustomize kustomization (read-kustomizations.ts). */
export interface KustomizationEntry {
  doc: ManifestDocument;
  /** Its folder, as the scanned paths spell it (forward slashes). */
  dir: string;
  namespace: string | null;
  /** Files and folders it names (resources, bases, components, patch files), resolved against `dir`. */
  files: string[];
  /** Patches written inline as strings, with where they are and the name their `target` selects (a regular expression in kustomize). */
  inlinePatches: { path: NodePath; text: string; targetName: string | null; target: unknown }[];
  /** Files named by `patches[].path` and `patchesJson6902[].path`, with the entry and its `target`: JSON 6902 patches when they hold a list of operations. */
  patchFiles: { path: NodePath; file: string; target: unknown }[];
  commonLabels: Record<string, string>;
}

/** A JSON 6902 patch of a kustomization (read-json6902.ts), inline or in a file. */
export interface Json6902PatchEntry {
  kustomization: KustomizationEntry;
  /** The kustomization entry: `patches.2`, `patchesJson6902.0`. */
  path: NodePath;
  /** The pod identity and IRSA settings its operations touch (`eks.amazonaws.com/role-arn`...). */
  settings: string[];
  /** The object it describes on its target; null when the target is not one named object. */
  doc: ManifestDocument | null;
  location: SourceLocation;
  /** What keeps it from being read (or rewritten) in full, for the report. */
  problem: string | null;
}

export interface SecretProviderClassEntry {
  ref: ObjectRef;
  usePodIdentity: boolean;
  clientId: string | null;
  doc: ManifestDocument;
}

/** One identity a workload receives, and the binding that gives it. */
export interface IdentityAssignment {
  workload: WorkloadEntry;
  identity: AzureIdentityEntry;
  binding: AzureIdentityBindingEntry;
}

export interface Inventory {
  identities: AzureIdentityEntry[];
  bindings: AzureIdentityBindingEntry[];
  exceptions: PodIdentityExceptionEntry[];
  workloads: WorkloadEntry[];
  serviceAccounts: ServiceAccountEntry[];
  secretProviderClasses: SecretProviderClassEntry[];
  /** Resolved with the real matching rules; sorted by workload, then identity. */
  assignments: IdentityAssignment[];
  irsaServiceAccounts: IrsaServiceAccountEntry[];
  /** Documents that are not Kubernetes objects (no kind): Helm values files, mostly. */
  valuesDocuments: ManifestDocument[];
  kustomizations: KustomizationEntry[];
  /** Their JSON 6902 patches. */
  json6902Patches: Json6902PatchEntry[];
  /** Helm values inside Flux HelmReleases and Argo CD Applications and ApplicationSets. */
  gitOpsValues: { doc: ManifestDocument; values: { path: NodePath; inString: boolean; namespace: string | null } }[];
  /** The pods values (files or embedded) configure with IRSA, pod identity or a client id. */
  valuesWorkloads: ValuesWorkloadEntry[];
  /** Chart-specific identity settings in those values. */
  chartValues: ChartValuesEntry[];
  /** Workloads whose pods run under an IRSA service account (a namespace's `default` one included). */
  irsaWorkloads: { workload: WorkloadEntry; serviceAccount: IrsaServiceAccountEntry }[];
}

export function refString(ref: ObjectRef): string {
  return `${ref.namespace}/${ref.name}`;
}

export function sameRef(a: ObjectRef, b: ObjectRef): boolean {
  return a.namespace === b.namespace && a.name === b.name;
}
