import type { Finding } from '../model/finding.js';
import type { SourceLocation } from '../model/location.js';

/** Findings that only appear while planning, with their general advice. */
export const PLAN_FINDINGS = {
  'render-name-unresolved': {
    severity: 'warning',
    fix: 'Check what `kubectl kustomize` builds from the kustomization: if the object is removed by a patch, nothing is needed; if it is renamed other than by namePrefix or nameSuffix, create its federated credential with the built name and namespace by hand.',
  },
  'issuer-not-set': {
    severity: 'warning',
    fix: 'Pass --issuer (az aks show -g RG -n CLUSTER --query oidcIssuerProfile.issuerUrl -o tsv) or set issuer in wimigrate.yaml.',
  },
  'identity-target-unknown': {
    severity: 'warning',
    fix: 'Set spec.resourceID to the ARM id of the user-assigned identity (/subscriptions/.../providers/Microsoft.ManagedIdentity/userAssignedIdentities/NAME).',
  },
  'federated-credential-invalid': {
    severity: 'error',
    fix: 'Fix the input that produced it (issuer, namespace or service account name); Azure would reject this credential.',
  },
  'secret-provider-class-unresolved': {
    severity: 'warning',
    fix: 'Set usePodIdentity: "false" and clientID by hand, to the identity of the pods that mount it; split it if they use different identities.',
  },
  'resource-kept-at-cutover': {
    severity: 'warning',
    fix: 'Migrate the workloads it serves first (see their findings), then run cutover again.',
  },
  'proxy-sidecar-not-applied': {
    severity: 'warning',
    fix: 'Upgrade the app to an Azure Identity SDK with WorkloadIdentityCredential instead (.NET Azure.Identity 1.9.0, Go azidentity 1.3.0, Java azure-identity 1.9.0, Node.js @azure/identity 3.2.0, Python azure-identity 1.13.0).',
  },
  'client-id-pending': {
    severity: 'warning',
    fix: 'Create the managed identity (wimigrate plan lists name, resource group and location), add its clientId to the identity map (--identity-map), and run wimigrate again: the placeholder is replaced.',
  },
  'token-expiration-adjusted': {
    severity: 'warning',
    fix: 'Workload ID accepts 3600 to 86400 seconds; check that the app copes with the adjusted token lifetime.',
  },
  'values-identity-unresolved': {
    severity: 'warning',
    fix: 'Check the selector: an AzureIdentityBinding with it, and an AzureIdentity with a client id, must be among the scanned files.',
  },
  'values-service-account-unknown': {
    severity: 'warning',
    fix: 'Find how the chart names its service account and set azure.workload.identity/client-id there (values or manifest).',
  },
  'values-service-account-not-created': {
    severity: 'warning',
    fix: 'Annotate the service account the release uses (serviceAccount.name) where it is defined, or let the chart create it.',
  },
  'role-arn-unresolved': {
    severity: 'warning',
    fix: 'Render the template (envsubst, Helm, kustomize) first, or write the role ARN; a variable cannot be mapped to an identity.',
  },
  'aws-input-problem': {
    severity: 'warning',
    fix: 'Read the message: what a trust policy or a Pod Identity association says that cannot be carried over to Workload ID as it is, and what to run or decide.',
  },
  'aws-input-unreadable': {
    severity: 'error',
    fix: 'Give the JSON the AWS CLI prints (aws iam get-role, aws eks describe-pod-identity-association, aws iam list-attached-role-policies / get-policy-version / get-role-policy); the other files were still read.',
  },
  'permission-needs-review': {
    severity: 'warning',
    fix: 'Map these permissions to Azure role assignments by hand; the suggestions cover only what the table in migrations/aws-permissions.yaml knows.',
  },
  'role-identity-incomplete': {
    severity: 'warning',
    fix: 'Pass --subscription-id and --identity-resource-group (or set subscriptionId and identityResourceGroup in wimigrate.yaml), or map the role in the identity map.',
  },
} as const satisfies Record<string, { severity: Finding['severity']; fix: string }>;

export type PlanFindingId = keyof typeof PLAN_FINDINGS;

export function planFinding(id: PlanFindingId, message: string, location: SourceLocation): Finding {
  const rule = PLAN_FINDINGS[id];
  return { id, severity: rule.severity, message, location, fix: rule.fix };
}
