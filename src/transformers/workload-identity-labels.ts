/**
 * Workload ID only mutates pods labelled `azure.workload.identity/use: "true"`; the label
 * belongs on the pod template, not on the service account
 * (https://azure.github.io/azure-workload-identity/docs/topics/service-account-labels-and-annotations.html).
 * At cutover `aadpodidbinding` goes too, except from an immutable selector (and so from the
 * template, which must keep matching it).
 */
import { POD_IDENTITY_LABEL, WORKLOAD_IDENTITY_USE_LABEL } from '../analyzers/match-bindings.js';
import { metadataOf } from '../analyzers/object-fields.js';
import { deleteAt, editsOnly, plannedWorkloads, setAt, type FileEdit, type Transformer } from './transform-context.js';

export const addWorkloadIdentityLabel: Transformer = (context) =>
  editsOnly(
    plannedWorkloads(context)
      .filter(({ workload }) => workload.podLabels[WORKLOAD_IDENTITY_USE_LABEL] !== 'true')
      .map(({ workload }) => setAt(workload.doc, [...workload.templatePath, 'metadata', 'labels', WORKLOAD_IDENTITY_USE_LABEL], 'true')),
  );

export const removePodIdentityLabel: Transformer = (context) => {
  if (context.plan.phase !== 'cutover') return editsOnly([]);
  const edits: FileEdit[] = [];
  for (const { workload } of plannedWorkloads(context)) {
    if (POD_IDENTITY_LABEL in workload.selectorLabels) continue;
    if (POD_IDENTITY_LABEL in workload.podLabels) {
      edits.push(deleteAt(workload.doc, [...workload.templatePath, 'metadata', 'labels', POD_IDENTITY_LABEL]));
    }
    // Many manifests copy the label onto the workload itself, where it does nothing.
    if (workload.templatePath.length > 0 && POD_IDENTITY_LABEL in metadataOf(workload.doc.object).labels) {
      edits.push(deleteAt(workload.doc, ['metadata', 'labels', POD_IDENTITY_LABEL]));
    }
  }
  return editsOnly(edits);
};
