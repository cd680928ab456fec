import { asFields, pathOf } from '../analyzers/object-fields.js';
import { deleteAt, editsOnly, plannedWorkloads, setAt, type FileEdit, type Transformer } from './transform-context.js';

/**
 * Points each pod template at its planned service account. The deprecated `serviceAccount`
 * field is removed where it is set, so the two can never disagree.
 */
export const setServiceAccountName: Transformer = (context) => {
  const edits: FileEdit[] = [];
  for (const { planned, workload } of plannedWorkloads(context)) {
    const podSpec = asFields(pathOf(workload.doc.object, [...workload.templatePath, 'spec'] as string[]));
    const wanted = planned.serviceAccount.name;
    if (podSpec?.serviceAccountName !== wanted) {
      edits.push(setAt(workload.doc, [...workload.templatePath, 'spec', 'serviceAccountName'], wanted));
    }
    if (podSpec && 'serviceAccount' in podSpec) {
      edits.push(deleteAt(workload.doc, [...workload.templatePath, 'spec', 'serviceAccount']));
    }
  }
  return editsOnly(edits);
};
