import type { Inventory } from '../model/inventory.js';
import type { MigrationPlan } from '../model/plan.js';
import { annotateIrsaServiceAccounts } from './irsa-service-accounts.js';
import { migrateIrsaWorkloads } from './irsa-workloads.js';
import { removePodIdentityResources } from './pod-identity-resources.js';
import { migrateValuesWorkloads } from './values-workloads.js';
import { migrateChartValues } from './chart-values.js';
import { addProxySidecarAnnotation } from './proxy-sidecar.js';
import { migrateSecretProviderClasses } from './secret-provider-classes.js';
import { setServiceAccountName } from './service-account-name.js';
import { annotateServiceAccounts, createServiceAccounts } from './service-accounts.js';
import { transformContext, type TransformOutput, type Transformer } from './transform-context.js';
import { addWorkloadIdentityLabel, removePodIdentityLabel } from './workload-identity-labels.js';

export const TRANSFORMERS: readonly Transformer[] = [
  addWorkloadIdentityLabel,
  setServiceAccountName,
  annotateServiceAccounts,
  createServiceAccounts,
  migrateSecretProviderClasses,
  addProxySidecarAnnotation,
  removePodIdentityLabel,
  removePodIdentityResources,
  annotateIrsaServiceAccounts,
  migrateIrsaWorkloads,
  migrateValuesWorkloads,
  migrateChartValues,
];

/** Plan and inventory in, the edits that carry out the plan out. Pure. */
export function transform(plan: MigrationPlan, inventory: Inventory): TransformOutput {
  const context = transformContext(plan, inventory);
  const outputs = TRANSFORMERS.map((transformer) => transformer(context));
  return { edits: outputs.flatMap((output) => output.edits), newFiles: outputs.flatMap((output) => output.newFiles) };
}

export type { FileEdit, NewFile, TransformOutput } from './transform-context.js';
