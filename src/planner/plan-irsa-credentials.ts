import { credentialName, credentialProblems, identityCredentialProblems, serviceAccountSubject, WORKLOAD_ID_AUDIENCE } from '../azure/federated-credential-rules.js';
import type { Finding } from '../model/finding.js';
import type { SourceLocation } from '../model/location.js';
import type { ObjectRef } from '../model/inventory.js';
import type { CredentialTarget, PlannedFederatedCredential, PlannedRoleIdentity } from '../model/plan.js';
import { planFinding } from './plan-findings.js';

/** ARM id of a user-assigned identity (DESIGN §6). */
export function identityResourceId(subscriptionId: string, resourceGroup: string, name: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`;
}

function targetOf(identity: PlannedRoleIdentity): CredentialTarget {
  const { subscriptionId, resourceGroup, name } = identity;
  if (subscriptionId === null || resourceGroup === null) {
    const missing = [subscriptionId === null ? 'subscription' : null, resourceGroup === null ? 'resource group' : null].filter(Boolean);
    return { kind: 'unknown', reason: `its ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not known` };
  }
  return { kind: 'managed-identity', subscriptionId, resourceGroup, identityName: name, resourceId: identityResourceId(subscriptionId, resourceGroup, name) };
}

/** A service account whose tokens a role's identity must trust: from a manifest, or named by a release's values. */
export interface RoleSubject {
  ref: ObjectRef;
  identityName: string;
  location: SourceLocation;
  /** --render: the service account as the source files name it, when the build names it otherwise. */
  source?: ObjectRef;
}

/**
 * One credential per IRSA service account, on the identity that took over its role (an IAM
 * trust policy trusts the service account the same way), checked offline like the others.
 */
export function planIrsaCredentials(
  accounts: readonly RoleSubject[],
  identities: readonly PlannedRoleIdentity[],
  issuer: string | null,
): { credentials: PlannedFederatedCredential[]; findings: Finding[] } {
  const locationOf = (account: RoleSubject) => account.location;
  const findings: Finding[] = [];
  const credentials: PlannedFederatedCredential[] = [];
  for (const identity of identities) {
    // The same service account may be named twice (a manifest and a release's values): one credential.
    const served = [...new Map(accounts.filter((account) => account.identityName === identity.name).map((account) => [`${account.ref.namespace}/${account.ref.name}`, account])).values()];
    const first = served[0];
    if (!first) continue;
    const target = targetOf(identity);
    // Named by the identity alone: after cutover only the placeholder still names it, and verification compares messages.
    if (target.kind === 'unknown') findings.push(planFinding('role-identity-incomplete', `No federated credential can be placed yet on managed identity ${identity.name}: ${target.reason}`, locationOf(first)));
    const onIdentity = served.map((account) => ({
      name: credentialName(account.ref.namespace, account.ref.name),
      issuer: issuer ?? '',
      subject: serviceAccountSubject(account.ref.namespace, account.ref.name),
      audiences: [WORKLOAD_ID_AUDIENCE],
      target,
      identity: { namespace: '', name: identity.name },
      ...(identity.roleArn ? { roleArn: identity.roleArn } : {}),
      serviceAccount: account.ref,
      ...(account.source ? { sourceServiceAccount: account.source } : {}),
    }));
    served.forEach((account, index) => {
      const credential = onIdentity[index]!;
      for (const problem of credentialProblems(credential).filter((text) => issuer !== null || !text.startsWith('issuer'))) {
        findings.push(planFinding('federated-credential-invalid', `Federated credential ${credential.name} for managed identity ${identity.name}: ${problem}`, locationOf(account)));
      }
    });
    for (const problem of identityCredentialProblems(onIdentity)) {
      findings.push(planFinding('federated-credential-invalid', `Managed identity ${identity.name}: ${problem}`, locationOf(first)));
    }
    credentials.push(...onIdentity);
  }
  return { credentials, findings };
}
