import type { Finding, Severity } from '../model/finding.js';
import type { VerifyCheck, VerifyResult } from '../pipeline/verify-rollout.js';
import { clusterLocation, clusterRef } from '../sources/cluster/live-document.js';

/** The findings of `wimigrate verify`: one id per check, `verify-<check id>`, for SARIF and the README. */
export const VERIFY_FINDINGS: Record<`verify-${VerifyCheck['id']}`, { severity: Severity; title: string; fix: string }> = {
  'verify-service-account': {
    severity: 'error',
    title: 'The planned service account is missing or does not carry the planned client id',
    fix: 'Apply the migrated manifests (the service account with azure.workload.identity/client-id), or fix the client id.',
  },
  'verify-template-label': {
    severity: 'error',
    title: 'The workload is missing, or its pod template lacks azure.workload.identity/use: "true"',
    fix: 'Apply the migrated manifest of the workload.',
  },
  'verify-pods-label': {
    severity: 'error',
    title: 'Running pods lack azure.workload.identity/use: "true"',
    fix: 'Restart the workload (kubectl rollout restart) so its pods are created from the new template.',
  },
  'verify-pods-injected': {
    severity: 'error',
    title: 'The Workload ID webhook did not inject the running pods',
    fix: 'Install the azure-workload-identity webhook, then restart the workload so new pods get the token volume and AZURE_FEDERATED_TOKEN_FILE.',
  },
  'verify-no-pod-identity-label': {
    severity: 'error',
    title: 'After cutover, pods still carry the aadpodidbinding label',
    fix: 'Apply the cutover manifests and restart the workload.',
  },
  'verify-pod-identity-removed': {
    severity: 'error',
    title: 'After cutover, AAD Pod Identity resources are left in the cluster',
    fix: 'Delete the AzureIdentity, AzureIdentityBinding and AzurePodIdentityException objects the cutover removes (migrate --phase cutover lists them).',
  },
  'verify-federated-credentials': {
    severity: 'error',
    title: 'The planned federated credentials are not on the managed identity in Azure',
    fix: 'Create them: wimigrate federate --plan PLAN --apply (or the code of federate --emit).',
  },
};

/** One error finding per failed check, at the workload's cluster reference. */
export function verifyFindings(result: VerifyResult, context: string): Finding[] {
  return result.workloads.flatMap((workload) =>
    workload.checks
      .filter((check) => check.status === 'fail')
      .map((check): Finding => {
        const id = `verify-${check.id}` as const;
        return {
          id,
          severity: VERIFY_FINDINGS[id].severity,
          message: `${workload.kind} ${workload.namespace}/${workload.name}: ${check.detail}`,
          location: clusterLocation(clusterRef(context, workload.namespace, workload.kind, workload.name)),
          fix: VERIFY_FINDINGS[id].fix,
        };
      }),
  );
}
