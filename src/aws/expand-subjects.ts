/**
 * Entra federated identity credentials take one exact subject each and no wildcards
 * (https://learn.microsoft.com/entra/workload-id/workload-identity-federation-considerations),
 * so every IAM subject pattern becomes one credential per concrete service account it matches.
 * The accounts come from the manifests; a pattern that matches none of them is reported.
 */
import { serviceAccountSubject } from '../azure/federated-credential-rules.js';
import { matchesIamGlob } from './iam-glob.js';
import type { SubjectPattern } from './trust-policy.js';

export interface ServiceAccountRef {
  namespace: string;
  name: string;
}

export interface ConcreteSubject {
  provider: string;
  namespace: string;
  name: string;
  /** `system:serviceaccount:<namespace>:<name>`, ready for a federated credential. */
  subject: string;
  /** The trust-policy patterns that led to it. */
  patterns: string[];
  /** False for an exact subject whose service account is in no manifest (it may live elsewhere). */
  foundInManifests: boolean;
}

export interface SubjectExpansion {
  subjects: ConcreteSubject[];
  /** Patterns that matched no service account of the manifests (exact ones still yield their subject). */
  unmatched: SubjectPattern[];
}

export function expandSubjectPatterns(patterns: readonly SubjectPattern[], accounts: readonly ServiceAccountRef[]): SubjectExpansion {
  const subjects = new Map<string, ConcreteSubject>();
  const unmatched: SubjectPattern[] = [];
  const add = (pattern: SubjectPattern, account: ServiceAccountRef, found: boolean) => {
    const subject = serviceAccountSubject(account.namespace, account.name);
    const key = `${pattern.provider} ${subject}`;
    const known = subjects.get(key);
    if (known) {
      if (!known.patterns.includes(pattern.pattern)) known.patterns.push(pattern.pattern);
      known.foundInManifests ||= found;
    } else {
      subjects.set(key, { provider: pattern.provider, namespace: account.namespace, name: account.name, subject, patterns: [pattern.pattern], foundInManifests: found });
    }
  };
  const known = uniqueAccounts(accounts);
  for (const pattern of patterns) {
    const matches = known.filter((account) =>
      pattern.wildcard ? matchesIamGlob(pattern.pattern, serviceAccountSubject(account.namespace, account.name)) : serviceAccountSubject(account.namespace, account.name) === pattern.pattern,
    );
    for (const account of matches) add(pattern, account, true);
    if (matches.length === 0) {
      unmatched.push(pattern);
      if (!pattern.wildcard && pattern.namespace !== null && pattern.name !== null) add(pattern, { namespace: pattern.namespace, name: pattern.name }, false);
    }
  }
  const sorted = [...subjects.values()].sort((a, b) => a.provider.localeCompare(b.provider) || a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
  for (const subject of sorted) subject.patterns.sort();
  return { subjects: sorted, unmatched };
}

function uniqueAccounts(accounts: readonly ServiceAccountRef[]): ServiceAccountRef[] {
  const seen = new Set<string>();
  return accounts.filter((account) => {
    const key = `${account.namespace}/${account.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
