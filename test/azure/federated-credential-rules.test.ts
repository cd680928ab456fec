import { describe, expect, it } from 'vitest';
import { credentialName, credentialProblems, identityCredentialProblems, CREDENTIAL_NAME_PATTERN, WORKLOAD_ID_AUDIENCE } from '../../src/azure/federated-credential-rules.js';
import { parseIdentityResourceId } from '../../src/azure/parse-resource-id.js';

const valid = { name: 'wimigrate-a-b', issuer: 'https://eastus.oic.prod-aks.azure.com/t/g/', subject: 'system:serviceaccount:a:b', audiences: [WORKLOAD_ID_AUDIENCE] };

describe('credentialName', () => {
  it.each([
    ['orders', 'orders-api-wi', 'wimigrate-orders-orders-api-wi'],
    ['a.b', 'c.d', 'wimigrate-a_b-c_d'],
  ])('%s/%s -> %s', (namespace, account, expected) => {
    expect(credentialName(namespace, account)).toBe(expected);
  });

  it('keeps long names valid, distinct and deterministic', () => {
    const long = 'x'.repeat(63);
    const first = credentialName(long, `${long}-1`);
    const second = credentialName(long, `${long}-2`);
    expect(first).toMatch(CREDENTIAL_NAME_PATTERN);
    expect(first).toHaveLength(120);
    expect(first).not.toBe(second);
    expect(credentialName(long, `${long}-1`)).toBe(first);
  });
});

describe('credentialProblems', () => {
  it('accepts a valid credential', () => expect(credentialProblems(valid)).toEqual([]));
  it.each([
    [{ name: 'ab' }, 'name "ab"'],
    [{ name: '-abc' }, 'name "-abc"'],
    [{ issuer: 'http://x/' }, 'must be an https URL'],
    [{ issuer: `https://${'x'.repeat(600)}` }, 'issuer is longer than 600'],
    [{ subject: 'system:serviceaccount:a:*' }, 'wildcard'],
    [{ audiences: [] }, 'exactly one audience'],
  ])('rejects %o', (change, message) => {
    expect(credentialProblems({ ...valid, ...change }).join('\n')).toContain(message);
  });
});

describe('identityCredentialProblems', () => {
  const many = (count: number) => Array.from({ length: count }, (_, index) => ({ ...valid, name: `wimigrate-${index}`, subject: `system:serviceaccount:a:s${index}` }));
  it('allows 20 per identity, counting existing ones', () => {
    expect(identityCredentialProblems(many(20))).toEqual([]);
    expect(identityCredentialProblems(many(20), 1)[0]).toContain('21 federated credentials (1 existing) exceed the limit of 20');
  });
  it('finds duplicate names and issuer+subject pairs', () => {
    const problems = identityCredentialProblems([valid, { ...valid }]);
    expect(problems).toEqual(['duplicate credential name wimigrate-a-b', 'duplicate issuer and subject system:serviceaccount:a:b']);
  });
});

describe('parseIdentityResourceId', () => {
  it('parses any casing of the fixed segments', () => {
    expect(parseIdentityResourceId('/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-x')).toEqual({ subscriptionId: 's', resourceGroup: 'rg', name: 'id-x' });
    expect(parseIdentityResourceId('/subscriptions/s/resourcegroups/rg/providers/microsoft.managedidentity/userassignedidentities/id-x')?.name).toBe('id-x');
  });
  it('rejects other resources and placeholders', () => {
    expect(parseIdentityResourceId('/subscriptions/s/resourcegroups/rg/providers/Microsoft.Compute/virtualMachines/vm')).toBeNull();
    expect(parseIdentityResourceId('<RESOURCE_ID>')).toBeNull();
  });
});
