import type { ManifestDocument, NodePath } from '../model/document.js';
import type { Inventory, WorkloadEntry } from '../model/inventory.js';
import type { MigrationPlan, PlannedWorkload } from '../model/plan.js';
import { documentKey } from '../model/document.js';
import type { YamlEdit } from '../yaml/index.js';

/** An edit addressed to one file. */
export interface FileEdit {
  file: string;
  edit: YamlEdit;
}

/** A file the migration adds (a service account beside a JSON manifest). */
export interface NewFile {
  file: string;
  text: string;
}

export interface TransformOutput {
  edits: FileEdit[];
  newFiles: NewFile[];
}

export interface TransformContext {
  plan: MigrationPlan;
  inventory: Inventory;
  workloadsByKey: ReadonlyMap<string, WorkloadEntry>;
}

/** A transformer reads the plan and the documents and says which edits make the plan true. Pure. */
export type Transformer = (context: TransformContext) => TransformOutput;

export function transformContext(plan: MigrationPlan, inventory: Inventory): TransformContext {
  return { plan, inventory, workloadsByKey: new Map(inventory.workloads.map((workload) => [documentKey(workload.doc), workload])) };
}

/** The planned workloads with their inventory entries. */
export function plannedWorkloads(context: TransformContext): { planned: PlannedWorkload; workload: WorkloadEntry }[] {
  return context.plan.workloads.flatMap((planned) => {
    const workload = context.workloadsByKey.get(planned.key);
    return workload ? [{ planned, workload }] : [];
  });
}

/** An edit on the node at `path` relative to the object in `doc` (which may be a List item). */
export function setAt(doc: ManifestDocument, path: NodePath, value: string | boolean): FileEdit {
  return { file: doc.file, edit: { op: 'set', docIndex: doc.docIndex, path: [...doc.pathPrefix, ...path], value } };
}

/** With `prune`, maps the deletion leaves empty go too (an `annotations:` with nothing under it). */
export function deleteAt(doc: ManifestDocument, path: NodePath, prune = true): FileEdit {
  return { file: doc.file, edit: { op: 'delete', docIndex: doc.docIndex, path: [...doc.pathPrefix, ...path], pruneEmptyParents: prune } };
}

export function editsOnly(edits: FileEdit[]): TransformOutput {
  return { edits, newFiles: [] };
}
