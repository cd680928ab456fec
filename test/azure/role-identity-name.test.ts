import { describe, expect, it } from 'vitest';
import { IDENTITY_NAME_PATTERN, identityNameForRole, pendingClientId, pendingIdentityName, roleNameOf } from '../../src/azure/role-identity-name.js';

describe('identity names for IAM roles', () => {
  it.each([
    ['arn:aws:iam::111122223333:role/orders-api', 'orders-api', 'orders-api'],
    ['arn:aws:iam::111122223333:role/reporting/team-a/exporter', 'exporter', 'exporter'],
    ['arn:aws:iam::111122223333:role/billing+invoicer@prod', 'billing+invoicer@prod', 'billing-invoicer-prod'],
    ['arn:aws-cn:iam::111122223333:role/x', 'x', 'x-identity'],
    ['arn:aws:iam::111122223333:role/_a.b,c=d_', '_a.b,c=d_', 'a-b-c-d'],
    ['arn:aws:iam::111122223333:role/' + 'r'.repeat(64), 'r'.repeat(64), 'r'.repeat(64)],
    // Examples often leave the account out; the role name still says which role.
    ['arn:aws:iam::<ACCOUNT_ID>:role/agentic-analytics-agent-role', 'agentic-analytics-agent-role', 'agentic-analytics-agent-role'],
    ['arn:aws:iam::XXXXXXXXXXX:role/cert-manager', 'cert-manager', 'cert-manager'],
  ])('%s', (arn, roleName, identityName) => {
    expect(roleNameOf(arn)).toBe(roleName);
    expect(identityNameForRole(arn)).toBe(identityName);
    expect(identityNameForRole(arn)).toMatch(IDENTITY_NAME_PATTERN);
  });

  it.each(['${ROLE_ARN}', 'arn:aws:iam::111122223333:user/x', 'arn:aws:iam::111122223333:role/', 'arn:aws:iam::${ACCOUNT_ID}:role/${ROLE_NAME:-"dns"}', 'arn:aws:iam::1:role/{{ .Values.role }}'])('%s is not a role ARN', (value) => {
    expect(roleNameOf(value)).toBeNull();
    expect(identityNameForRole(value)).toMatch(IDENTITY_NAME_PATTERN);
  });

  it('a pending placeholder names its identity, and nothing else is one', () => {
    expect(pendingIdentityName(pendingClientId('id-orders'))).toBe('id-orders');
    expect(pendingIdentityName('3c9d2e41-7a5b-4f60-8e1d-2b3c4d5e6f70')).toBeNull();
    expect(pendingIdentityName('wimigrate-pending:')).toBeNull();
    expect(pendingIdentityName(undefined)).toBeNull();
  });
});
