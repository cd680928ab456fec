/**
 * Names for the managed identities that take over IAM roles. A user-assigned identity name is
 * 3-128 characters of letters, digits, `-` and `_`, starting with a letter or digit
 * (https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftmanagedidentity);
 * an IAM role name is up to 64 of letters, digits and `+=,.@_-`, under an optional path
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
 */

export const IDENTITY_NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,127}$/;

/**
 * `arn:aws:iam::123456789012:role/path/name` -> `name`; null when it is not a role ARN. Examples
 * write the account as `<ACCOUNT_ID>` or `${ACCOUNT_ID}` and the role name still says which role;
 * a role name that is itself a variable or template does not.
 */
export function roleNameOf(roleArn: string): string | null {
  const match = /^arn:aws[a-z-]*:iam::[^:/\s]+:role\/(?:[^/\s]+\/)*([^/\s]+)$/.exec(roleArn.trim());
  const name = match?.[1];
  return name === undefined || /[${}<>()"']/.test(name) ? null : name;
}

/** A valid identity name derived from the role's name, or from the whole ARN when it is not one. */
export function identityNameForRole(roleArn: string): string {
  const base = (roleNameOf(roleArn) ?? roleArn)
    .replace(/[^a-zA-Z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '');
  const name = base.length >= 3 ? base : `${base || 'role'}-identity`;
  return name.slice(0, 128);
}

/**
 * The client id a service account carries until its identity exists: clearly not a GUID (the
 * webhook passes it on and every token request fails loudly), and naming the identity, so that
 * a later run with a completed identity map finds it and fills it in.
 */
const PENDING_PREFIX = 'wimigrate-pending:';

export function pendingClientId(identityName: string): string {
  return `${PENDING_PREFIX}${identityName}`;
}

/** The identity a pending placeholder names, or null when the value is not one. */
export function pendingIdentityName(clientId: string | undefined): string | null {
  return clientId?.startsWith(PENDING_PREFIX) ? clientId.slice(PENDING_PREFIX.length) || null : null;
}
