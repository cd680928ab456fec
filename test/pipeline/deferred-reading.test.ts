/**
 * The pipeline reads documents that only mention service accounts, and pods that mention
 * nothing, exactly when they matter; the shortcut must never hide a workload.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_ANALYZER_OPTIONS } from '../../src/analyzers/index.js';
import { DEFAULT_PLAN_OPTIONS } from '../../src/planner/plan-options.js';
import { runMigration } from '../../src/pipeline/run-migration.js';
import { binding, deployment, identity, join } from '../helpers/manifests.js';

function run(files: Record<string, string>) {
  const sources = Object.entries(files).map(([file, text]) => ({ file, text, format: 'yaml' as const }));
  return runMigration(sources, { analyzer: DEFAULT_ANALYZER_OPTIONS, plan: { ...DEFAULT_PLAN_OPTIONS, issuer: 'https://x.example/' }, rewrite: false });
}

describe('reading only what matters', () => {
  it('finds the pods of an IRSA default service account though they name no account', () => {
    const result = run({
      'sa.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: default\n  namespace: batch\n  annotations:\n    eks.amazonaws.com/role-arn: arn:aws:iam::1:role/batch\n',
      'jobs.yaml': join(deployment('nightly', 'batch', {}), deployment('elsewhere', 'other', {})),
    });
    expect(result.inventory.irsaWorkloads.map(({ workload }) => workload.ref.name)).toEqual(['nightly']);
  });

  it('reads a service account shared with a pod identity workload, so it is not taken over', () => {
    const shared = '      serviceAccountName: shared\n';
    const result = run({
      'identity.yaml': join(identity('id', 'a'), binding('b', 'a', 'id', 'sel'), deployment('web', 'a', { aadpodidbinding: 'sel' }, shared)),
      'other.yaml': join('apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: shared\n  namespace: a\n', deployment('plain', 'a', {}, shared)),
      'unrelated.yaml': join('apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: unrelated\n  namespace: a\n'),
    });
    expect(result.inventory.serviceAccounts.map((account) => account.ref.name)).toEqual(['shared']);
    expect(result.plan.serviceAccounts.map((account) => [account.action, account.ref.name])).toEqual([['create', 'id-wi']]);
  });
});
