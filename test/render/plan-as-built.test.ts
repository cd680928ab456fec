/** verify after a --render plan: the live cluster holds the built objects, so the plan is checked as built. */
import { describe, expect, it } from 'vitest';
import { planAsBuilt } from '../../src/planner/plan-as-built.js';
import { verifyRollout } from '../../src/pipeline/verify-rollout.js';

const USE = { 'azure.workload.identity/use': 'true' };
const plan = {
  workloads: [
    {
      key: 'base/app.yaml#2',
      ref: { namespace: 'shop', name: 'billing' },
      kind: 'Deployment',
      serviceAccount: { namespace: 'shop', name: 'billing-wi' },
      identities: [],
      proxySidecar: false,
      built: [
        { ref: { namespace: 'shop-prod', name: 'prod-billing' }, serviceAccount: { namespace: 'shop-prod', name: 'prod-billing-wi' } },
        { ref: { namespace: 'shop-dev', name: 'billing-dev' }, serviceAccount: { namespace: 'shop-dev', name: 'billing-wi-dev' } },
      ],
    },
  ],
  serviceAccounts: [
    {
      ref: { namespace: 'shop', name: 'billing-wi' },
      action: 'create' as const,
      clientId: 'c1',
      tenantId: null,
      identity: { namespace: 'shop', name: 'id' },
      workloads: ['base/app.yaml#2'],
      built: [
        { namespace: 'shop-prod', name: 'prod-billing-wi' },
        { namespace: 'shop-dev', name: 'billing-wi-dev' },
      ],
    },
  ],
  irsaWorkloads: [{ key: 'base/orders.yaml#0', ref: { namespace: 'shop', name: 'orders' }, kind: 'Deployment', serviceAccount: { namespace: 'shop', name: 'orders' }, built: [{ ref: { namespace: 'shop-prod', name: 'prod-orders' }, serviceAccount: { namespace: 'shop-prod', name: 'prod-orders' } }] }],
  irsaServiceAccounts: [
    { key: 'base/sa.yaml#0', ref: { namespace: 'shop', name: 'orders' }, roleArn: 'arn:aws:iam::1:role/orders', identityName: 'orders', clientId: 'c2', pending: false, tenantId: null, tokenExpiration: null, workloads: ['base/orders.yaml#0'], built: [{ namespace: 'shop-prod', name: 'prod-orders' }] },
  ],
};

const deployment = (namespace: string, name: string) => ({ metadata: { name, namespace }, spec: { template: { metadata: { labels: USE } } } });
const account = (namespace: string, name: string, clientId: string) => ({ metadata: { name, namespace, annotations: { 'azure.workload.identity/client-id': clientId } } });

describe('planAsBuilt', () => {
  it('checks each built workload under its built service account', () => {
    const asBuilt = planAsBuilt(plan);
    expect(asBuilt.workloads.map((workload) => [workload.ref.name, workload.serviceAccount.name])).toEqual([
      ['prod-billing', 'prod-billing-wi'],
      ['billing-dev', 'billing-wi-dev'],
    ]);
    const live = {
      items: new Map([
        ['Deployment', [deployment('shop-prod', 'prod-billing'), deployment('shop-dev', 'billing-dev'), deployment('shop-prod', 'prod-orders')]],
        ['ServiceAccount', [account('shop-prod', 'prod-billing-wi', 'c1'), account('shop-dev', 'billing-wi-dev', 'c1'), account('shop-prod', 'prod-orders', 'c2')]],
      ]),
      pods: [],
      unread: new Set<string>(),
    };
    const result = verifyRollout(asBuilt, 'prepare', live);
    expect(result.workloads.map((workload) => [`${workload.namespace}/${workload.name}`, workload.status])).toEqual([
      ['shop-dev/billing-dev', 'pass'],
      ['shop-prod/prod-billing', 'pass'],
      ['shop-prod/prod-orders', 'pass'],
    ]);
    // The source names are not what the cluster runs: checked as they are, every workload fails.
    expect(verifyRollout(plan, 'prepare', live).workloads.map((workload) => workload.status)).toEqual(['fail', 'fail']);
  });

  it('a plan without built names, or with something else read from a file, is checked as it is', () => {
    const plain = { ...plan, workloads: plan.workloads.map(({ built: _built, ...rest }) => rest), irsaWorkloads: [], irsaServiceAccounts: [], serviceAccounts: plan.serviceAccounts.map((entry) => ({ ...entry, built: 'nonsense' as unknown as [] })) };
    expect(planAsBuilt(plain)).toEqual(plain);
  });
});
