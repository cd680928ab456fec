/**
 * Federated identity credential limits that can be checked offline
 * (https://learn.microsoft.com/entra/workload-id/workload-identity-federation-considerations):
 * name 3-120 characters of [a-zA-Z0-9_-] starting with a letter or digit, immutable; issuer and
 * subject at most 600 characters; exactly one audience; at most 20 credentials per identity;
 * issuer + subject unique per identity; no wildcards.
 */
import { createHash } from 'node:crypto';

export const WORKLOAD_ID_AUDIENCE = 'api://AzureADTokenExchange';
export const MAX_CREDENTIALS_PER_IDENTITY = 20;
export const MAX_ISSUER_OR_SUBJECT_LENGTH = 600;
export const CREDENTIAL_NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,119}$/;
const MAX_NAME_LENGTH = 120;
/** Names this tool creates start with it, so a later prune can recognise its own. */
export const CREDENTIAL_NAME_PREFIX = 'wimigrate-';

export function serviceAccountSubject(namespace: string, name: string): string {
  return `system:serviceaccount:${namespace}:${name}`;
}

/**
 * A deterministic, valid, recognisable name. Kubernetes names never contain `_`, so mapping
 * `.` to `_` keeps distinct service accounts distinct; over-long names keep a hash suffix.
 */
export function credentialName(namespace: string, serviceAccount: string): string {
  const base = `${CREDENTIAL_NAME_PREFIX}${namespace}-${serviceAccount}`.replace(/[^a-zA-Z0-9_-]/g, '_');
  if (base.length <= MAX_NAME_LENGTH) return base;
  const hash = createHash('sha256').update(`${namespace}/${serviceAccount}`).digest('hex').slice(0, 10);
  return `${base.slice(0, MAX_NAME_LENGTH - hash.length - 1)}-${hash}`;
}

export interface CredentialToCheck {
  name: string;
  issuer: string;
  subject: string;
  audiences: readonly string[];
}

/** Problems with one credential on its own; an empty list when it is valid. */
export function credentialProblems(credential: CredentialToCheck): string[] {
  const problems: string[] = [];
  if (!CREDENTIAL_NAME_PATTERN.test(credential.name)) {
    problems.push(`name "${credential.name}" must be 3-120 characters of letters, digits, '-' and '_', starting with a letter or digit`);
  }
  if (!/^https:\/\/[^\s*]+$/.test(credential.issuer)) problems.push(`issuer "${credential.issuer}" must be an https URL`);
  if (credential.issuer.length > MAX_ISSUER_OR_SUBJECT_LENGTH) problems.push('issuer is longer than 600 characters');
  if (credential.subject.length > MAX_ISSUER_OR_SUBJECT_LENGTH) problems.push('subject is longer than 600 characters');
  if (credential.subject.includes('*')) problems.push('subject contains a wildcard, which Entra does not support');
  if (credential.audiences.length !== 1) problems.push('exactly one audience is allowed');
  return problems;
}

/** Problems of a set of credentials on one identity: the limit of 20, duplicate names or issuer+subject. */
export function identityCredentialProblems(credentials: readonly CredentialToCheck[], existing = 0): string[] {
  const problems: string[] = [];
  const total = credentials.length + existing;
  if (total > MAX_CREDENTIALS_PER_IDENTITY) {
    problems.push(`${total} federated credentials (${existing} existing) exceed the limit of ${MAX_CREDENTIALS_PER_IDENTITY} per identity`);
  }
  const names = new Set<string>();
  const pairs = new Set<string>();
  for (const credential of credentials) {
    if (names.has(credential.name)) problems.push(`duplicate credential name ${credential.name}`);
    names.add(credential.name);
    const pair = `${credential.issuer} ${credential.subject}`;
    if (pairs.has(pair)) problems.push(`duplicate issuer and subject ${credential.subject}`);
    pairs.add(pair);
  }
  return problems;
}
