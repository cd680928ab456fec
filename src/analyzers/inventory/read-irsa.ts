/**
 * EKS IAM roles for service accounts: the ServiceAccount annotations of
 * https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html and the
 * pod identity webhook (https://github.com/aws/amazon-eks-pod-identity-webhook): `role-arn`,
 * `audience` (default sts.amazonaws.com), `sts-regional-endpoints`, `token-expiration`. Only the
 * exact `eks.amazonaws.com/` prefix counts; look-alikes such as `irsa.amazonaws.com/` do not.
 */
import type { IrsaServiceAccountEntry, ServiceAccountEntry, WorkloadEntry } from '../../model/inventory.js';
import { refString } from '../../model/inventory.js';

export const IRSA_PREFIX = 'eks.amazonaws.com/';
export const ROLE_ARN_ANNOTATION = `${IRSA_PREFIX}role-arn`;
export const DEFAULT_IRSA_AUDIENCE = 'sts.amazonaws.com';
/** Env the webhook injects; set by hand, it pins a pod to EKS. */
export const AWS_WEB_IDENTITY_ENV = ['AWS_ROLE_ARN', 'AWS_WEB_IDENTITY_TOKEN_FILE'];

export function readIrsaServiceAccount(account: ServiceAccountEntry): IrsaServiceAccountEntry | null {
  const roleArn = account.annotations[ROLE_ARN_ANNOTATION];
  if (!roleArn) return null;
  const annotation = (name: string) => account.annotations[`${IRSA_PREFIX}${name}`] ?? null;
  return {
    ref: account.ref,
    roleArn,
    audience: annotation('audience'),
    stsRegionalEndpoints: annotation('sts-regional-endpoints'),
    tokenExpiration: annotation('token-expiration'),
    doc: account.doc,
  };
}

/** Pods run under their service account, or the namespace's `default` one when they name none. */
export function matchIrsaWorkloads(
  workloads: readonly WorkloadEntry[],
  accounts: readonly IrsaServiceAccountEntry[],
): { workload: WorkloadEntry; serviceAccount: IrsaServiceAccountEntry }[] {
  const byRef = new Map(accounts.map((account) => [refString(account.ref), account]));
  return workloads.flatMap((workload) => {
    const account = byRef.get(refString({ namespace: workload.ref.namespace, name: workload.serviceAccountName ?? 'default' }));
    return account ? [{ workload, serviceAccount: account }] : [];
  });
}
