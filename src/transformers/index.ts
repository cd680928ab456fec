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
import { applyEdits } from '../yaml/index.js';
import { transformContext, type FileEdit, type TransformOutput, type Transformer } from './transform-context.js';
import { json6902FileEdits } from './json6902-edits.js';
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
  return { edits: withEmbeddedEdits(json6902FileEdits(outputs.flatMap((output) => output.edits))), newFiles: outputs.flatMap((output) => output.newFiles) };
}

/**
 * Edits on a document kept as a string are made on that string's own text (so its comments and
 * layout stay), and the result becomes one edit of the string in the outer document. When an
 * inner edit is refused, the string stays as it was (its settings are reported by the analyzers).
 */
function withEmbeddedEdits(edits: readonly FileEdit[]): FileEdit[] {
  const plain = edits.filter((entry) => !entry.embedded);
  const groups = new Map<string, FileEdit[]>();
  for (const entry of edits) if (entry.embedded) groups.set(entry.embedded.key, [...(groups.get(entry.embedded.key) ?? []), entry]);
  for (const group of groups.values()) {
    const { file, embedded } = group[0]!;
    if (!embedded) continue;
    const outcome = applyEdits(embedded.text, 'yaml', group.map((entry) => entry.edit));
    // A refused edit of a JSON 6902 patch string is reported on the kustomization (the patch stays as it is).
    const refused = outcome.refused[0];
    if (refused && embedded.reportRefusal) plain.push({ file, edit: { op: 'refuse', docIndex: embedded.docIndex, path: embedded.path, reason: refused.reason } });
    if (outcome.refused.length > 0 || outcome.text === embedded.text) continue;
    plain.push({ file, edit: { op: 'set', docIndex: embedded.docIndex, path: embedded.path, value: outcome.text } });
  }
  return plain;
}

export type { FileEdit, NewFile, TransformOutput } from './transform-context.js';
