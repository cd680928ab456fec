import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN_OPTIONS, type PlanOptions } from '../../src/planner/plan-options.js';
import { planMigration } from '../../src/planner/plan-migration.js';
import { serviceAccountName } from '../../src/planner/choose-service-accounts.js';
import { analyzeFiles, binding, deployment, identity, join } from '../helpers/manifests.js';

const ISSUER = 'https://eastus.oic.prod-aks.azure.com/t/g/';

function plan(files: Record<string, string>, options: Partial<PlanOptions> = {}) {
  return planMigration(analyzeFiles(files).inventory, { ...DEFAULT_PLAN_OPTIONS, issuer: ISSUER, ...options });
}

const serviceAccount = (name: string, namespace: string, annotations = '') =>
  `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\n${annotations}`;

describe('service accounts', () => {
  it('creates one per identity and namespace, shared by its workloads', () => {
    const result = plan({
      'a.yaml': join(identity('id', 'a'), binding('b', 'a', 'id', 'sel'), deployment('one', 'a', { aadpodidbinding: 'sel' }), deployment('two', 'a', { aadpodidbinding: 'sel' }), deployment('three', 'b', { aadpodidbinding: 'sel' })),
    });
    expect(result.serviceAccounts.map((sa) => [sa.action, `${sa.ref.namespace}/${sa.ref.name}`, sa.workloads.length])).toEqual([
      ['create', 'a/id-wi', 2],
      ['create', 'b/id-wi', 1],
    ]);
    expect(result.federatedCredentials.map((fic) => fic.subject)).toEqual(['system:serviceaccount:a:id-wi', 'system:serviceaccount:b:id-wi']);
  });

  it('reuses a non-default service account only when all its users map to the identity', () => {
    const spec = '      serviceAccountName: app-sa\n';
    const same = plan({ 'a.yaml': join(serviceAccount('app-sa', 'a'), identity('id', 'a'), binding('b', 'a', 'id', 'sel'), deployment('one', 'a', { aadpodidbinding: 'sel' }, spec)) });
    expect(same.serviceAccounts.map((sa) => [sa.action, sa.ref.name])).toEqual([['annotate', 'app-sa']]);

    const sharedWithPlainWorkload = plan({
      'a.yaml': join(serviceAccount('app-sa', 'a'), identity('id', 'a'), binding('b', 'a', 'id', 'sel'), deployment('one', 'a', { aadpodidbinding: 'sel' }, spec), deployment('plain', 'a', {}, spec)),
    });
    expect(sharedWithPlainWorkload.serviceAccounts.map((sa) => [sa.action, sa.ref.name])).toEqual([['create', 'id-wi']]);
  });

  it('never reuses the default service account, and lists undeclared ones as external', () => {
    const onDefault = plan({ 'a.yaml': join(identity('id', 'a'), binding('b', 'a', 'id', 'sel'), deployment('one', 'a', { aadpodidbinding: 'sel' }, '      serviceAccountName: default\n')) });
    expect(onDefault.serviceAccounts.map((sa) => sa.ref.name)).toEqual(['id-wi']);
    const external = plan({ 'a.yaml': join(identity('id', 'a'), binding('b', 'a', 'id', 'sel'), deployment('one', 'a', { aadpodidbinding: 'sel' }, '      serviceAccountName: elsewhere\n')) });
    expect(external.serviceAccounts.map((sa) => [sa.action, sa.ref.name])).toEqual([['external', 'elsewhere']]);
    expect(external.manualSteps.map((step) => step.id)).toContain('annotate-external-service-account');
  });

  it('does not take over a service account that carries another client id', () => {
    const taken = serviceAccount('id-wi', 'a', '  annotations:\n    azure.workload.identity/client-id: someone-else\n');
    const result = plan({ 'a.yaml': join(taken, identity('id', 'a'), binding('b', 'a', 'id', 'sel'), deployment('one', 'a', { aadpodidbinding: 'sel' })) });
    expect(result.serviceAccounts.map((sa) => sa.ref.name)).toEqual(['id-wi-2']);
  });

  it.each([
    ['{identity}-wi', 'Orders_Identity', 'w', 'n', 'orders-identity-wi'],
    ['{namespace}-{workload}', 'i', 'web', 'shop', 'shop-web'],
    ['--{identity}--', 'x', 'w', 'n', 'x'],
  ])('names %s with identity %s -> %s', (template, identityName, workload, namespace, expected) => {
    expect(serviceAccountName(template, identityName, workload, namespace)).toBe(expected);
  });
});

describe('federated credentials', () => {
  it('targets the user-assigned identity or the app registration', () => {
    const sp = 'apiVersion: aadpodidentity.k8s.io/v1\nkind: AzureIdentity\nmetadata: {name: sp, namespace: a}\nspec:\n  type: 1\n  tenantID: other-tenant\n  clientID: app-client-id\n  clientPassword: {name: s, namespace: a}\n';
    const result = plan({ 'a.yaml': join(identity('id', 'a'), sp, binding('b1', 'a', 'id', 'one'), binding('b2', 'a', 'sp', 'two'), deployment('w1', 'a', { aadpodidbinding: 'one' }), deployment('w2', 'a', { aadpodidbinding: 'two' })) });
    expect(result.federatedCredentials.map((fic) => fic.target.kind)).toEqual(['managed-identity', 'app-registration']);
    expect(result.serviceAccounts.find((sa) => sa.ref.name === 'sp-wi')?.tenantId).toBe('other-tenant');
  });

  it('gives every identity of a several-identity workload a credential for the one service account', () => {
    const result = plan({ 'a.yaml': join(identity('one', 'a'), identity('two', 'a'), binding('b1', 'a', 'one', 'sel'), binding('b2', 'a', 'two', 'sel'), deployment('w', 'a', { aadpodidbinding: 'sel' })) });
    expect(result.serviceAccounts.map((sa) => sa.ref.name)).toEqual(['one-wi']);
    expect(result.federatedCredentials.map((fic) => `${fic.identity.name}:${fic.subject}`)).toEqual(['one:system:serviceaccount:a:one-wi', 'two:system:serviceaccount:a:one-wi']);
  });

  it('reports more than 20 credentials on one identity', () => {
    const workloads = Array.from({ length: 21 }, (_, index) => deployment(`w${index}`, `ns${index}`, { aadpodidbinding: 'sel' }));
    const result = plan({ 'a.yaml': join(identity('id', 'a'), binding('b', 'a', 'id', 'sel'), ...workloads) });
    expect(result.findings.map((finding) => finding.message).join('\n')).toContain('21 federated credentials (0 existing) exceed the limit of 20');
  });

  it('says when the issuer is missing', () => {
    const result = plan({ 'a.yaml': join(identity('id', 'a'), binding('b', 'a', 'id', 'sel'), deployment('w', 'a', { aadpodidbinding: 'sel' })) }, { issuer: null });
    expect(result.findings.map((finding) => finding.id)).toEqual(['issuer-not-set']);
  });
});

describe('cutover', () => {
  it('removes pod identity resources but keeps bindings that serve unmigrated workloads', () => {
    const noClientId = 'apiVersion: aadpodidentity.k8s.io/v1\nkind: AzureIdentity\nmetadata: {name: broken, namespace: a}\nspec:\n  type: 0\n  resourceID: /subscriptions/s/resourcegroups/r/providers/Microsoft.ManagedIdentity/userAssignedIdentities/broken\n';
    const result = plan(
      { 'a.yaml': join(identity('id', 'a'), noClientId, binding('good', 'a', 'id', 'one'), binding('bad', 'a', 'broken', 'two'), deployment('w1', 'a', { aadpodidbinding: 'one' }), deployment('w2', 'a', { aadpodidbinding: 'two' })) },
      { phase: 'cutover' },
    );
    expect(result.removals.map((removal) => `${removal.kind} ${removal.ref.name}`)).toEqual(['AzureIdentity id', 'AzureIdentityBinding good']);
    expect(result.findings.map((finding) => finding.id)).toContain('resource-kept-at-cutover');
  });
});
