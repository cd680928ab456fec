import type { MigrationPlan } from '../model/plan.js';

type BuiltParts = Pick<MigrationPlan, 'workloads' | 'serviceAccounts' | 'irsaWorkloads' | 'irsaServiceAccounts'>;

/**
 * The plan as the cluster sees it after a --render plan (kustomize renames and moves objects at
 * build time): each workload once per build that includes it, under the service account its
 * pods run under there, and each service account also under its built names. Plans without
 * built names come back as they are. Used to check a rollout against a live cluster; a plan read
 * from a file is checked for its lists only, so anything but a list of built names is ignored.
 */
export function planAsBuilt<P extends BuiltParts>(plan: P): P {
  return {
    ...plan,
    workloads: plan.workloads.flatMap((workload) => (Array.isArray(workload.built) ? workload.built.map((entry) => ({ ...workload, ref: entry.ref, serviceAccount: entry.serviceAccount })) : [workload])),
    serviceAccounts: plan.serviceAccounts.flatMap((account) => [account, ...(Array.isArray(account.built) ? account.built : []).map((ref) => ({ ...account, ref }))]),
    irsaWorkloads: plan.irsaWorkloads.flatMap((workload) => (Array.isArray(workload.built) ? workload.built.map((entry) => ({ ...workload, ref: entry.ref, serviceAccount: entry.serviceAccount })) : [workload])),
    irsaServiceAccounts: plan.irsaServiceAccounts.flatMap((account) => [account, ...(Array.isArray(account.built) ? account.built : []).map((ref) => ({ ...account, ref }))]),
  };
}
