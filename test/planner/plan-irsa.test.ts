import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN_OPTIONS, type PlanOptions } from '../../src/planner/plan-options.js';
import { planMigration } from '../../src/planner/plan-migration.js';
import { analyzeFiles, binding, deployment, identity, join } from '../helpers/manifests.js';

const ISSUER = 'https://eastus.oic.prod-aks.azure.com/t/g/';
const ROLE = 'arn:aws:iam::111122223333:role/orders';
const CLIENT = '3c9d2e41-7a5b-4f60-8e1d-2b3c4d5e6f70';

function plan(files: Record<string, string>, options: Partial<PlanOptions> = {}) {
  return planMigration(analyzeFiles(files).inventory, { ...DEFAULT_PLAN_OPTIONS, issuer: ISSUER, ...options });
}

const irsaAccount = (name: string, namespace: string, annotations: Record<string, string>) =>
  `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\n  annotations:\n${Object.entries(annotations)
    .map(([key, value]) => `    ${key}: "${value}"\n`)
    .join('')}`;

const mapped = { roleArn: ROLE, name: 'id-orders', subscriptionId: 's', resourceGroup: 'rg', location: null, clientId: CLIENT };

describe('IRSA planning', () => {
  it('one identity per role, shared by the service accounts that assume it', () => {
    const result = plan({
      'a.yaml': join(irsaAccount('one', 'a', { 'eks.amazonaws.com/role-arn': ROLE }), irsaAccount('two', 'b', { 'eks.amazonaws.com/role-arn': ROLE })),
    });
    expect(result.roleIdentities.map((entry) => [entry.name, entry.source])).toEqual([['orders', 'new']]);
    expect(result.irsaServiceAccounts.map((account) => [account.ref.namespace, account.identityName, account.clientId, account.pending])).toEqual([
      ['a', 'orders', 'wimigrate-pending:orders', true],
      ['b', 'orders', 'wimigrate-pending:orders', true],
    ]);
    expect(result.federatedCredentials.map((credential) => [credential.subject, credential.target.kind])).toEqual([
      ['system:serviceaccount:a:one', 'unknown'],
      ['system:serviceaccount:b:two', 'unknown'],
    ]);
    expect(result.findings.filter((finding) => finding.id === 'client-id-pending')).toHaveLength(1);
  });

  it('the identity map gives the client id; a client id written by hand is kept while the map has none', () => {
    const withMap = plan({ 'a.yaml': irsaAccount('one', 'a', { 'eks.amazonaws.com/role-arn': ROLE }) }, { identityMap: [mapped] });
    expect(withMap.irsaServiceAccounts[0]).toMatchObject({ clientId: CLIENT, pending: false, identityName: 'id-orders' });
    expect(withMap.federatedCredentials[0]?.target).toMatchObject({ kind: 'managed-identity', resourceGroup: 'rg', identityName: 'id-orders' });

    const byHand = plan({ 'a.yaml': irsaAccount('one', 'a', { 'eks.amazonaws.com/role-arn': ROLE, 'azure.workload.identity/client-id': CLIENT }) });
    expect(byHand.irsaServiceAccounts[0]).toMatchObject({ clientId: CLIENT, pending: false });
  });

  it('a role ARN that is a template variable is left alone, with a finding', () => {
    const result = plan({ 'a.yaml': irsaAccount('one', 'a', { 'eks.amazonaws.com/role-arn': '${ROLE_ARN}' }) });
    expect(result.irsaServiceAccounts).toEqual([]);
    expect(result.findings.map((finding) => finding.id)).toContain('role-arn-unresolved');
  });

  it('a workload the pod identity plan migrates is not planned again for IRSA', () => {
    const spec = '      serviceAccountName: one\n';
    const result = plan({
      'a.yaml': join(
        irsaAccount('one', 'a', { 'eks.amazonaws.com/role-arn': ROLE }),
        identity('id', 'a'),
        binding('b', 'a', 'id', 'sel'),
        deployment('both', 'a', { aadpodidbinding: 'sel' }, spec),
        deployment('irsa-only', 'a', {}, spec),
      ),
    });
    expect(result.workloads.map((workload) => workload.ref.name)).toEqual(['both']);
    expect(result.irsaWorkloads.map((workload) => workload.ref.name)).toEqual(['irsa-only']);
  });

  it("takes the namespace a kustomization gives its resources, an overlay's over its base's", () => {
    const account = irsaAccount('one', 'written-here', { 'eks.amazonaws.com/role-arn': ROLE });
    const direct = plan({ 'app/kustomization.yaml': 'namespace: shop\nresources:\n  - sa.yaml\n', 'app/sa.yaml': account });
    expect(direct.federatedCredentials.map((credential) => credential.subject)).toEqual(['system:serviceaccount:shop:one']);
    const overlay = plan({
      'base/kustomization.yaml': 'namespace: base\nresources:\n  - sa.yaml\n',
      'base/sa.yaml': account,
      'overlays/prod/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: prod\nresources:\n  - ../../base\n',
    });
    expect(overlay.federatedCredentials.map((credential) => credential.subject)).toEqual(['system:serviceaccount:prod:one']);
  });
});
