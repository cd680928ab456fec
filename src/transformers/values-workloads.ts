/**
 * Helm values get the Workload ID settings their chart turns into manifests: the service account
 * annotations (`azure.workload.identity/client-id`, tenant id) and the pod label
 * `azure.workload.identity/use: "true"` in `podLabels`. At cutover the IRSA annotations and the
 * `aadpodidbinding` pod label go.
 */
import { IRSA_PREFIX } from '../analyzers/inventory/read-irsa.js';
import { POD_IDENTITY_LABEL, WORKLOAD_IDENTITY_USE_LABEL } from '../analyzers/match-bindings.js';
import { documentKey } from '../model/document.js';
import { CLIENT_ID_ANNOTATION, TENANT_ID_ANNOTATION } from '../planner/choose-service-accounts.js';
import { deleteAt, editsOnly, setAt, type FileEdit, type Transformer } from './transform-context.js';

export const migrateValuesWorkloads: Transformer = (context) => {
  const entries = new Map(context.inventory.valuesWorkloads.map((entry) => [`${documentKey(entry.doc)} ${entry.path.join('.')}`, entry]));
  const edits: FileEdit[] = [];
  for (const planned of context.plan.valuesWorkloads) {
    const entry = entries.get(`${planned.key} ${planned.path.join('.')}`);
    if (!entry) continue;
    const { doc } = entry;
    const annotations = planned.serviceAccountPath === null ? null : [...planned.serviceAccountPath, 'annotations'];
    if (annotations) {
      const wanted: Record<string, string> = { [CLIENT_ID_ANNOTATION]: planned.clientId };
      if (planned.tenantId) wanted[TENANT_ID_ANNOTATION] = planned.tenantId;
      for (const [key, value] of Object.entries(wanted)) if (entry.annotations[key] !== value) edits.push(setAt(doc, [...annotations, key], value));
    }
    if (entry.podLabels[WORKLOAD_IDENTITY_USE_LABEL] !== 'true') edits.push(setAt(doc, [...planned.path, 'podLabels', WORKLOAD_IDENTITY_USE_LABEL], 'true'));
    if (context.plan.phase !== 'cutover') continue;
    if (annotations) {
      for (const key of Object.keys(entry.annotations)) if (key.startsWith(IRSA_PREFIX)) edits.push(deleteAt(doc, [...annotations, key]));
    }
    if (POD_IDENTITY_LABEL in entry.podLabels) edits.push(deleteAt(doc, [...planned.path, 'podLabels', POD_IDENTITY_LABEL]));
  }
  return editsOnly(edits);
};
