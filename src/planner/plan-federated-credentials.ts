import { credentialName, credentialProblems, identityCredentialProblems, serviceAccountSubject, WORKLOAD_ID_AUDIENCE } from '../azure/federated-credential-rules.js';
import { parseIdentityResourceId } from '../azure/parse-resource-id.js';
import type { Finding } from '../model/finding.js';
import type { AzureIdentityEntry } from '../model/inventory.js';
import { refString, type ObjectRef } from '../model/inventory.js';
import type { CredentialTarget, PlannedFederatedCredential } from '../model/plan.js';
import { planFinding } from './plan-findings.js';

export interface CredentialRequest {
  identity: AzureIdentityEntry;
  namespace: string;
  serviceAccount: string;
  /** --render: the service account as the source files name it, when the build names it otherwise. */
  source?: ObjectRef;
}

/** Where the credential must be created: a user-assigned identity (ARM) or an app registration (Graph). */
export function credentialTarget(identity: AzureIdentityEntry): CredentialTarget {
  if (identity.type === 1 || identity.type === 2) {
    return identity.clientId ? { kind: 'app-registration', clientId: identity.clientId } : { kind: 'unknown', reason: 'spec.clientID is missing' };
  }
  const parsed = parseIdentityResourceId(identity.resourceId ?? '');
  if (!parsed) {
    return { kind: 'unknown', reason: identity.resourceId ? `spec.resourceID "${identity.resourceId}" is not a user-assigned identity` : 'spec.resourceID is missing' };
  }
  return {
    kind: 'managed-identity',
    subscriptionId: parsed.subscriptionId,
    resourceGroup: parsed.resourceGroup,
    identityName: parsed.name,
    resourceId: identity.resourceId ?? '',
  };
}

function targetKey(target: CredentialTarget, identity: AzureIdentityEntry): string {
  if (target.kind === 'managed-identity') return target.resourceId.toLowerCase();
  if (target.kind === 'app-registration') return `app:${target.clientId}`;
  return `unknown:${refString(identity.ref)}`;
}

/**
 * One credential per identity and service account, deduplicated, then checked offline
 * against the Azure rules (per credential, and per target identity for the limit of 20).
 */
export function planFederatedCredentials(
  requests: readonly CredentialRequest[],
  issuer: string | null,
): { credentials: PlannedFederatedCredential[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const byTarget = new Map<string, { identity: AzureIdentityEntry; credentials: PlannedFederatedCredential[] }>();
  const reportedUnknown = new Set<AzureIdentityEntry>();
  const seen = new Set<string>();

  for (const { identity, namespace, serviceAccount, source } of requests) {
    const target = credentialTarget(identity);
    if (target.kind === 'unknown' && !reportedUnknown.has(identity)) {
      reportedUnknown.add(identity);
      findings.push(planFinding('identity-target-unknown', `No federated credential can be placed for AzureIdentity ${refString(identity.ref)}: ${target.reason}`, identity.doc.locate(['spec'])));
    }
    const subject = serviceAccountSubject(namespace, serviceAccount);
    const key = targetKey(target, identity);
    if (seen.has(`${key} ${subject}`)) continue;
    seen.add(`${key} ${subject}`);
    const credential: PlannedFederatedCredential = {
      name: credentialName(namespace, serviceAccount),
      issuer: issuer ?? '',
      subject,
      audiences: [WORKLOAD_ID_AUDIENCE],
      target,
      identity: identity.ref,
      serviceAccount: { namespace, name: serviceAccount },
      ...(source ? { sourceServiceAccount: source } : {}),
    };
    const group = byTarget.get(key) ?? { identity, credentials: [] };
    group.credentials.push(credential);
    byTarget.set(key, group);
  }

  const credentials: PlannedFederatedCredential[] = [];
  for (const { identity, credentials: onIdentity } of byTarget.values()) {
    const location = () => identity.doc.locate(['spec']);
    for (const credential of onIdentity) {
      // Without an issuer the plan is still useful for the manifests; issuer-not-set says so once.
      const problems = credentialProblems(credential).filter((problem) => issuer !== null || !problem.startsWith('issuer'));
      for (const problem of problems) {
        findings.push(planFinding('federated-credential-invalid', `Federated credential ${credential.name} for ${refString(identity.ref)}: ${problem}`, location()));
      }
    }
    for (const problem of identityCredentialProblems(onIdentity)) {
      findings.push(planFinding('federated-credential-invalid', `AzureIdentity ${refString(identity.ref)}: ${problem}`, location()));
    }
    credentials.push(...onIdentity);
  }
  return { credentials, findings };
}
