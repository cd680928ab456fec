/** Chart-specific identity values (migrations/helm-charts.yaml), as the plan says; unchanged values are not touched. */
import { valueAt } from '../analyzers/object-fields.js';
import { documentKey } from '../model/document.js';
import { deleteAt, editsOnly, setAt, type FileEdit, type Transformer } from './transform-context.js';

export const migrateChartValues: Transformer = (context) => {
  const { inventory } = context;
  const candidates = [...inventory.chartValues.map((entry) => entry.doc), ...inventory.valuesDocuments, ...inventory.gitOpsValues.map((entry) => entry.doc)];
  const docs = new Map(candidates.map((doc) => [documentKey(doc), doc]));
  const edits: FileEdit[] = [];
  for (const planned of context.plan.chartValues) {
    const doc = docs.get(planned.key);
    if (!doc) continue;
    for (const edit of planned.edits) {
      const current = valueAt(doc.object, edit.path);
      if (edit.op === 'delete') edits.push(deleteAt(doc, edit.path));
      // A boolean is written as one: `enabled: true`, not `enabled: "true"`.
      else if (current !== edit.value) edits.push(setAt(doc, edit.path, edit.value));
    }
  }
  return editsOnly(edits);
};
