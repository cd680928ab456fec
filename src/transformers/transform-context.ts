import type { ManifestDocument, NodePath } from '../model/document.js';
import type { Inventory, WorkloadEntry } from '../model/inventory.js';
import type { MigrationPlan, PlannedWorkload } from '../model/plan.js';
import { documentKey } from '../model/document.js';
import type { YamlEdit } from '../yaml/index.js';

/** An edit addressed to one file. */
export interface FileEdit {
  file: string;
  edit: YamlEdit;
  /** The edit is on a document kept as a string (see ManifestDocument.embeddedIn): `edit` addresses that string's document. */
  embedded?: { key: string; docIndex: number; path: NodePath; text: string; reportRefusal?: boolean };
  /** The edit is on the object a JSON 6902 patch describes: `edit` addresses that object, and becomes edits of the patch (json6902-edits.ts). */
  json6902?: { key: string; doc: ManifestDocument };
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
  return addressed(doc, { op: 'set', docIndex: doc.docIndex, path: [...doc.pathPrefix, ...path], value });
}

/** With `prune`, maps the deletion leaves empty go too (an `annotations:` with nothing under it). */
export function deleteAt(doc: ManifestDocument, path: NodePath, prune = true): FileEdit {
  return addressed(doc, { op: 'delete', docIndex: doc.docIndex, path: [...doc.pathPrefix, ...path], pruneEmptyParents: prune });
}

/** An edit of the whole document (a new one after it, its deletion), which a JSON 6902 patch refuses. */
export function documentEdit(doc: ManifestDocument, edit: YamlEdit): FileEdit {
  return doc.json6902 ? { file: doc.file, edit, json6902: { key: documentKey(doc), doc } } : { file: doc.file, edit };
}

function addressed(doc: ManifestDocument, edit: YamlEdit): FileEdit {
  if (doc.json6902) return { file: doc.file, edit, json6902: { key: documentKey(doc), doc } };
  return inDocument(doc, edit, false);
}

/**
 * An edit of the operation list of a JSON 6902 patch (json6902-edits.ts). When one inside a
 * string is refused, the refusal is reported: the patch must not look migrated.
 */
export function listEdit(doc: ManifestDocument, edit: YamlEdit): FileEdit {
  return inDocument(doc, edit, true);
}

function inDocument(doc: ManifestDocument, edit: YamlEdit, reportRefusal: boolean): FileEdit {
  const outer = doc.embeddedIn;
  if (!outer) return { file: doc.file, edit };
  return {
    file: doc.file,
    edit: { ...edit, docIndex: 0 },
    embedded: { key: documentKey(doc), docIndex: outer.doc.docIndex, path: [...outer.doc.pathPrefix, ...outer.path], text: outer.text, ...(reportRefusal ? { reportRefusal } : {}) },
  };
}

export function editsOnly(edits: FileEdit[]): TransformOutput {
  return { edits, newFiles: [] };
}
