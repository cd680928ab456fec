/** The planner with --render builds given as data: credentials trust the built names, edits keep the source ones. */
import { describe, expect, it } from 'vitest';
import type { RenderedBuild, RenderedObject } from '../../src/model/rendered-build.js';
import { withAffixesOf } from '../../src/planner/built-names.js';
import { planMigration } from '../../src/planner/plan-migration.js';
import { DEFAULT_PLAN_OPTIONS } from '../../src/planner/plan-options.js';
import { analyzeFiles, binding, deployment, identity, join } from '../helpers/manifests.js';

const ISSUER = 'https://eastus.oic.prod-aks.azure.com/t/g/';
const ROLE = 'arn:aws:iam::111122223333:role/orders';

const object = (kind: string, namespace: string, name: string, source: RenderedObject['source'], serviceAccountName?: string | null): RenderedObject => ({
  kind,
  ref: { namespace, name },
  source,
  ...(serviceAccountName !== undefined ? { serviceAccountName } : {}),
});

const POD_IDENTITY = {
  'base/app.yaml': join(identity('billing-id', 'shop'), binding('billing-binding', 'shop', 'billing-id', 'billing'), deployment('billing', 'shop', { aadpodidbinding: 'billing' })),
};

function plan(files: Record<string, string>, rendered: RenderedBuild[]) {
  return planMigration(analyzeFiles(files).inventory, { ...DEFAULT_PLAN_OPTIONS, issuer: ISSUER, rendered });
}

describe('withAffixesOf', () => {
  it.each([
    ['prod-api', 'api', 'api-wi', 'prod-api-wi'],
    ['api-dev', 'api', 'api-wi', 'api-wi-dev'],
    ['eu-api-dev', 'api', 'x', 'eu-x-dev'],
    ['api', 'api', 'x', 'x'],
    ['renamed', 'api', 'x', 'x'],
  ])('%s from %s: %s becomes %s', (built, source, name, expected) => {
    expect(withAffixesOf(built, source, name)).toBe(expected);
  });
});

describe('planning with --render builds', () => {
  it('a service account the migration creates gets the prefix and namespace of its workload in each build', () => {
    const builds: RenderedBuild[] = [
      { dir: 'overlays/prod', files: ['base/app.yaml'], objects: [object('Deployment', 'shop-prod', 'prod-billing', { file: 'base/app.yaml', name: 'billing' }, null)] },
      { dir: 'overlays/dev', files: ['base/app.yaml'], objects: [object('Deployment', 'shop-dev', 'billing-dev', { file: 'base/app.yaml', name: 'billing' }, null)] },
    ];
    const result = plan(POD_IDENTITY, builds);
    // The edits name the source service account: kustomize renames it at build time.
    expect(result.serviceAccounts.map((account) => [account.action, account.ref])).toEqual([['create', { namespace: 'shop', name: 'billing-id-wi' }]]);
    expect(result.serviceAccounts[0]?.built).toEqual([
      { namespace: 'shop-prod', name: 'prod-billing-id-wi' },
      { namespace: 'shop-dev', name: 'billing-id-wi-dev' },
    ]);
    expect(result.workloads[0]?.serviceAccount).toEqual({ namespace: 'shop', name: 'billing-id-wi' });
    expect(result.workloads[0]?.built).toEqual([
      { ref: { namespace: 'shop-prod', name: 'prod-billing' }, serviceAccount: { namespace: 'shop-prod', name: 'prod-billing-id-wi' } },
      { ref: { namespace: 'shop-dev', name: 'billing-dev' }, serviceAccount: { namespace: 'shop-dev', name: 'billing-id-wi-dev' } },
    ]);
    expect(result.federatedCredentials.map((credential) => [credential.name, credential.subject, credential.sourceServiceAccount])).toEqual([
      ['wimigrate-shop-prod-prod-billing-id-wi', 'system:serviceaccount:shop-prod:prod-billing-id-wi', { namespace: 'shop', name: 'billing-id-wi' }],
      ['wimigrate-shop-dev-billing-id-wi-dev', 'system:serviceaccount:shop-dev:billing-id-wi-dev', { namespace: 'shop', name: 'billing-id-wi' }],
    ]);
  });

  it('an account the workload already names and the build does not hold keeps its name, in the built namespace', () => {
    const files = { 'base/app.yaml': join(identity('billing-id', 'shop'), binding('billing-binding', 'shop', 'billing-id', 'billing'), deployment('billing', 'shop', { aadpodidbinding: 'billing' }, '      serviceAccountName: billing-runner\n')) };
    const builds: RenderedBuild[] = [{ dir: 'prod', files: ['base/app.yaml'], objects: [object('Deployment', 'shop-prod', 'prod-billing', { file: 'base/app.yaml', name: 'billing' }, 'billing-runner')] }];
    const result = plan(files, builds);
    expect(result.serviceAccounts.map((account) => [account.action, account.built])).toEqual([['external', [{ namespace: 'shop-prod', name: 'billing-runner' }]]]);
    expect(result.federatedCredentials.map((credential) => credential.subject)).toEqual(['system:serviceaccount:shop-prod:billing-runner']);
    expect(result.manualSteps.find((step) => step.id === 'annotate-external-service-account')?.text).toBe(
      'Annotate service account shop-prod/billing-runner (defined outside the scanned files, named as the kustomize builds name it) with azure.workload.identity/client-id: 10000000-0000-0000-0000-000000079190.',
    );
  });

  it('one source built twice in one build (two intermediate overlays in one namespace): each workload gets the account with its own affixes', () => {
    const files = { 'base/app.yaml': join(identity('billing-id', 'shop'), binding('billing-binding', 'shop', 'billing-id', 'billing'), deployment('billing', 'shop', { aadpodidbinding: 'billing' }, '      serviceAccountName: runner\n'), 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: runner\n  namespace: shop\n') };
    const from = (name: string) => ({ file: 'base/app.yaml', name });
    const builds: RenderedBuild[] = [
      {
        dir: 'all',
        files: ['base/app.yaml'],
        objects: [
          object('ServiceAccount', 'shop', 'eu-runner', from('runner')),
          object('ServiceAccount', 'shop', 'us-runner', from('runner')),
          object('Deployment', 'shop', 'eu-billing', from('billing'), 'eu-runner'),
          object('Deployment', 'shop', 'us-billing', from('billing'), 'us-runner'),
        ],
      },
    ];
    const result = plan(files, builds);
    expect(result.workloads[0]?.built).toEqual([
      { ref: { namespace: 'shop', name: 'eu-billing' }, serviceAccount: { namespace: 'shop', name: 'eu-runner' } },
      { ref: { namespace: 'shop', name: 'us-billing' }, serviceAccount: { namespace: 'shop', name: 'us-runner' } },
    ]);
    expect(result.federatedCredentials.map((credential) => credential.subject)).toEqual(['system:serviceaccount:shop:eu-runner', 'system:serviceaccount:shop:us-runner']);
  });

  it('an IRSA patch file maps to the object it patches (same kind and source name), not to its own origin', () => {
    const files = {
      'base/sa.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: orders\n',
      'overlays/prod/sa-patch.yaml': `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: orders\n  annotations:\n    eks.amazonaws.com/role-arn: ${ROLE}\n`,
    };
    const builds: RenderedBuild[] = [{ dir: 'overlays/prod', files: ['base/sa.yaml', 'overlays/prod/sa-patch.yaml'], objects: [object('ServiceAccount', 'shop-prod', 'prod-orders', { file: 'base/sa.yaml', name: 'orders' })] }];
    const result = plan(files, builds);
    expect(result.irsaServiceAccounts.map((account) => [account.ref, account.built])).toEqual([[{ namespace: 'default', name: 'orders' }, [{ namespace: 'shop-prod', name: 'prod-orders' }]]]);
    expect(result.federatedCredentials.map((credential) => [credential.subject, credential.sourceServiceAccount])).toEqual([['system:serviceaccount:shop-prod:prod-orders', { namespace: 'default', name: 'orders' }]]);
  });

  it('without origins (a build that gave none) objects match by kind and the name they carry, exact names first', () => {
    const files = { 'base/sa.yaml': `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: orders\n  annotations:\n    eks.amazonaws.com/role-arn: ${ROLE}\n` };
    const builds: RenderedBuild[] = [
      { dir: 'a', files: ['base/sa.yaml'], objects: [object('ServiceAccount', 'a', 'a-orders', null), object('Deployment', 'a', 'a-orders', null, null)] },
      { dir: 'b', files: ['base/sa.yaml'], objects: [object('ServiceAccount', 'b', 'orders', null), object('ServiceAccount', 'b', 'orders-reader', null)] },
    ];
    const result = plan(files, builds);
    expect(result.federatedCredentials.map((credential) => credential.subject)).toEqual(['system:serviceaccount:a:a-orders', 'system:serviceaccount:b:orders']);
  });

  it('a file a build reads but no built object comes from (removed by a patch): source names, and a finding says so', () => {
    const files = { ...POD_IDENTITY, 'base/sa.yaml': `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: orders\n  namespace: shop\n  annotations:\n    eks.amazonaws.com/role-arn: ${ROLE}\n` };
    const builds: RenderedBuild[] = [{ dir: 'prod', files: ['base/app.yaml', 'base/sa.yaml'], objects: [object('ConfigMap', 'shop-prod', 'prod-settings', null)] }];
    const result = plan(files, builds);
    expect(result.federatedCredentials.map((credential) => credential.subject)).toEqual(['system:serviceaccount:shop:billing-id-wi', 'system:serviceaccount:shop:orders']);
    expect(result.findings.filter((finding) => finding.id === 'render-name-unresolved').map((finding) => [finding.severity, finding.location.file, finding.message])).toEqual([
      ['warning', 'base/app.yaml', 'Deployment shop/billing: the kustomize builds that read base/app.yaml hold no Deployment made from it (removed by a patch, or renamed other than by namePrefix or nameSuffix); its federated credentials use the source name and namespace'],
      ['warning', 'base/sa.yaml', 'ServiceAccount shop/orders: the kustomize builds that read base/sa.yaml hold no ServiceAccount made from it (removed by a patch, or renamed other than by namePrefix or nameSuffix); its federated credentials use the source name and namespace'],
    ]);
  });

  it('files no build reads keep their source names, and the plan carries no built names for them', () => {
    const builds: RenderedBuild[] = [{ dir: 'other', files: ['other/x.yaml'], objects: [object('Deployment', 'x', 'prod-billing', { file: 'other/x.yaml', name: 'billing' }, null)] }];
    const result = plan(POD_IDENTITY, builds);
    expect(result.federatedCredentials.map((credential) => [credential.subject, credential.sourceServiceAccount])).toEqual([['system:serviceaccount:shop:billing-id-wi', undefined]]);
    expect(result.serviceAccounts[0]?.built).toBeUndefined();
    expect(result.workloads[0]?.built).toBeUndefined();
    expect(plan(POD_IDENTITY, [])).toEqual(planMigration(analyzeFiles(POD_IDENTITY).inventory, { ...DEFAULT_PLAN_OPTIONS, issuer: ISSUER }));
  });
});
