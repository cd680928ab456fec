/**
 * Planned credentials of one identity against the ones it has (DESIGN §6): `present` when one
 * with the same issuer and subject exists under any name (nothing to do), `conflict` when the
 * name is taken by another issuer or subject (names are immutable), `over-limit` when creating
 * it would pass 20 credentials counting the existing ones, else `create`. Pure.
 */
import { CREDENTIAL_NAME_PREFIX, MAX_CREDENTIALS_PER_IDENTITY } from './federated-credential-rules.js';
import type { CredentialBody } from './federation-client.js';

export type CredentialState = 'create' | 'present' | 'conflict' | 'over-limit';

export interface CredentialDiffEntry {
  credential: CredentialBody;
  state: CredentialState;
  /** Why, for `present` (the existing name), `conflict` and `over-limit`. */
  detail: string | null;
}

export interface IdentityDiff {
  entries: CredentialDiffEntry[];
  existing: number;
  /** Credentials wimigrate made (by name) that the plan no longer has: deleted only with --prune. */
  prunable: CredentialBody[];
}

export function diffCredentials(planned: readonly CredentialBody[], existing: readonly CredentialBody[], prune = false): IdentityDiff {
  const pairOf = (credential: CredentialBody) => `${credential.issuer}\n${credential.subject}`;
  const existingByPair = new Map(existing.map((credential) => [pairOf(credential), credential]));
  const existingByName = new Map(existing.map((credential) => [credential.name.toLowerCase(), credential]));
  const plannedPairs = new Set(planned.map(pairOf));
  const plannedNames = new Set(planned.map((credential) => credential.name.toLowerCase()));
  const prunable = existing
    .filter((credential) => credential.name.startsWith(CREDENTIAL_NAME_PREFIX) && !plannedPairs.has(pairOf(credential)) && !plannedNames.has(credential.name.toLowerCase()))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  let count = existing.length - (prune ? prunable.length : 0);
  const entries = planned.map((credential): CredentialDiffEntry => {
    const same = existingByPair.get(pairOf(credential));
    if (same) return { credential, state: 'present', detail: same.name === credential.name ? null : `exists as ${same.name}` };
    const named = existingByName.get(credential.name.toLowerCase());
    if (named) return { credential, state: 'conflict', detail: `name taken by issuer ${named.issuer} subject ${named.subject}` };
    if (count >= MAX_CREDENTIALS_PER_IDENTITY) {
      return { credential, state: 'over-limit', detail: `the identity would have more than ${MAX_CREDENTIALS_PER_IDENTITY} credentials (${existing.length} exist)` };
    }
    count++;
    return { credential, state: 'create', detail: null };
  });
  return { entries, existing: existing.length, prunable };
}
