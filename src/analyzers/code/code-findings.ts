import type { Finding, Severity } from '../../model/finding.js';
import type { SourceLocation } from '../../model/location.js';

/** The findings of `wimigrate code` (and `scan --code`), with their general advice. */
export const CODE_FINDINGS = {
  'sdk-needs-proxy-sidecar': {
    severity: 'error',
    fix: 'Upgrade the Azure Identity SDK to the version named; until then the pod needs the migration proxy sidecar (--proxy-sidecar), which is not for production.',
  },
  'sdk-below-minimum': {
    severity: 'warning',
    fix: 'Upgrade the Azure Identity SDK to the version named (the first with WorkloadIdentityCredential); `wimigrate code --write` raises an @azure/identity range in package.json.',
  },
  'sdk-range-allows-old': {
    severity: 'info',
    fix: 'Raise the lower bound to the version named so that no install can pick an older one; the lockfile decides what is installed today.',
  },
  'sdk-version-unknown': {
    severity: 'info',
    fix: 'Check by hand that the version resolved at build time is at least the one named.',
  },
  'legacy-auth-package': {
    severity: 'warning',
    fix: 'Move to the replacement named; this package cannot use Workload ID tokens.',
  },
  'managed-identity-credential': {
    severity: 'warning',
    fix: 'Use WorkloadIdentityCredential or DefaultAzureCredential with the same client id (`wimigrate code --write` does it when the client id is an argument).',
  },
  'identity-by-resource-id': {
    severity: 'warning',
    fix: 'Pick the identity by client id instead: Workload ID has no resource id, and the proxy sidecar ignores msi_res_id/mi_res_id and silently returns the default identity.',
  },
  'imds-token-call': {
    severity: 'warning',
    fix: 'Get tokens through @azure/identity (DefaultAzureCredential); calling IMDS directly only works with the migration proxy sidecar.',
  },
  'legacy-msi-auth': {
    severity: 'warning',
    fix: 'Replace @azure/ms-rest-nodeauth MSI logins and AZURE_AUTH_METHOD=msi with @azure/identity DefaultAzureCredential.',
  },
  'hard-coded-token-path': {
    severity: 'warning',
    fix: 'Read the path from AZURE_FEDERATED_TOKEN_FILE (`wimigrate code --write` does it); the path changed in azure-workload-identity v1.6.0.',
  },
  'aws-web-identity-code': {
    severity: 'warning',
    fix: 'Replace the AWS web-identity credential with @azure/identity (WorkloadIdentityCredential or DefaultAzureCredential) when the app moves to Azure services.',
  },
  'aws-service-client': {
    severity: 'info',
    fix: 'Plan the move of this AWS service to the Azure counterpart named, or keep calling AWS with a federated credential from Azure.',
  },
  'pod-identity-label-in-code': {
    severity: 'warning',
    fix: 'Add `azure.workload.identity/use: "true"` beside it and run the pod under a service account annotated with the client id (`wimigrate code --write` adds the label).',
  },
  'irsa-annotation-in-code': {
    severity: 'warning',
    fix: 'Add `azure.workload.identity/client-id` with the managed identity that takes over the role (`wimigrate code --write` adds it from --identity-map, or a pending placeholder).',
  },
  'code-not-rewritten': {
    severity: 'warning',
    fix: 'Edit it by hand: the codemod cannot rewrite it safely (the reason is in the message).',
  },
  'code-unreadable': {
    severity: 'error',
    fix: 'Fix the file (it is not valid JSON, or cannot be read); the other files were still analyzed.',
  },
  'workload-code-at-risk': {
    severity: 'warning',
    fix: 'Fix the code findings listed for this app before its pods move to Workload ID.',
  },
} as const satisfies Record<string, { severity: Severity; fix: string }>;

export type CodeFindingId = keyof typeof CODE_FINDINGS;

export function codeFinding(id: CodeFindingId, location: SourceLocation, message: string): Finding {
  return { id, severity: CODE_FINDINGS[id].severity, message, location, fix: CODE_FINDINGS[id].fix };
}
