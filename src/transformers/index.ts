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
import { addressed, transformContext, type FileEdit, type TransformOutput, type Transformer } from './transform-context.js';
import { operationListEdits } from './json6902-edits.js';
import { documentKey, type ManifestDocument } from '../model/document.js';
import type { YamlEdit } from '../yaml/index.js';
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
  return { edits: withEmbeddedEdits(withJson6902Edits(outputs.flatMap((output) => output.edits))), newFiles: outputs.flatMap((output) => output.newFiles) };
}

/**
 * Edits on the object a JSON 6902 patch describes become edits of its operation list, all of one
 * patch at once. One patch file applied to several targets gets the same edits from each: once
 * is enough; when they want different values for one path, the patch cannot serve them all.
 */
function withJson6902Edits(edits: readonly FileEdit[]): FileEdit[] {
  const plain = edits.filter((entry) => !entry.json6902);
  const groups = new Map<string, FileEdit[]>();
  for (const entry of edits) if (entry.json6902) groups.set(entry.json6902.key, [...(groups.get(entry.json6902.key) ?? []), entry]);
  const byList = new Map<string, { doc: ManifestDocument; edits: YamlEdit[] }>();
  for (const group of groups.values()) {
    const doc = group[0]!.json6902!.doc;
    // The operation list: a string in a kustomization is its own, a file's document is shared by its targets.
    const list = doc.embeddedIn ? documentKey(doc) : `${doc.file}#${doc.docIndex}`;
    const entry = byList.get(list) ?? { doc, edits: [] };
    for (const edit of operationListEdits(doc, group.map((member) => member.edit))) {
      if (!entry.edits.some((known) => JSON.stringify(known) === JSON.stringify(edit))) entry.edits.push(edit);
    }
    byList.set(list, entry);
  }
  for (const { doc, edits: listEdits } of byList.values()) {
    const conflict = conflictingPath(listEdits);
    const final: YamlEdit[] = conflict ? [{ op: 'refuse', docIndex: doc.docIndex, path: [], reason: `this JSON 6902 patch is applied to several targets that need different values at ${conflict}: give each target its own patch` }] : listEdits;
    for (const edit of final) plain.push(addressed(doc, edit, true));
  }
  return plain;
}

/** A path that two edits of one operation list set to different values. */
function conflictingPath(edits: readonly YamlEdit[]): string | null {
  const seen = new Map<string, string>();
  for (const edit of edits) {
    const fields = edit.op === 'append' && typeof edit.value === 'object' && edit.value !== null ? (edit.value as Record<string, unknown>) : null;
    const [path, value] = edit.op === 'set' ? [`the value of operation ${Number(edit.path[0]) + 1}${edit.path.length > 2 ? ` (${edit.path.slice(2).join('.')})` : ''}`, JSON.stringify(edit.value)] : fields ? [String(fields.path), JSON.stringify(fields.value)] : [null, null];
    if (path === null) continue;
    if (seen.has(path) && seen.get(path) !== value) return path;
    seen.set(path, value ?? '');
  }
  return null;
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
