/**
 * Where a Helm values file configures a set of pods: the `helm create` conventions most charts
 * follow (`serviceAccount.create/name/annotations`, `podLabels`), at the root or under a
 * component or subchart key (`controller:`, `server:`, `external-dns:`), including the shapes
 * `rbac.serviceAccount.annotations` and `serviceAccount.<component>.annotations` (velero's
 * `serviceAccount.server`). See https://helm.sh/docs/chart_best_practices/pods/ and
 * https://helm.sh/docs/chart_template_guide/values_files/.
 */
import type { ManifestDocument, NodePath } from '../../model/document.js';
import type { ValuesWorkloadEntry } from '../../model/inventory.js';
import { asFields, stringMapOf, stringOf, valueAt } from '../object-fields.js';
import { ROLE_ARN_ANNOTATION } from './read-irsa.js';

const MAX_DEPTH = 10;
const POD_IDENTITY_LABEL = 'aadpodidbinding';
const CLIENT_ID_ANNOTATION = 'azure.workload.identity/client-id';

/**
 * Every place in the values that sets IRSA, pod identity or a Workload ID client id for a set
 * of pods; `root` is where the values sit in the document (`[]` for a values file).
 */
export function readValuesWorkloads(doc: ManifestDocument, root: NodePath = [], releaseNamespace: string | null = null): ValuesWorkloadEntry[] {
  const found: ValuesWorkloadEntry[] = [];
  const visit = (value: unknown, path: NodePath) => {
    const block = asFields(value);
    if (!block || path.length > MAX_DEPTH) return;
    const podLabels = stringMapOf(block.podLabels);
    const selector = stringOf(podLabels[POD_IDENTITY_LABEL] ?? null);
    const accounts = serviceAccountsOf(block, path);
    for (const entry of accounts) {
      if (entry.annotations[ROLE_ARN_ANNOTATION] || entry.annotations[CLIENT_ID_ANNOTATION] || selector) found.push({ doc, path, ...entry, podLabels, selector, releaseNamespace });
    }
    // Pods labelled for pod identity with no service account settings beside them.
    if (accounts.length === 0 && selector) found.push({ doc, path, serviceAccountPath: null, create: true, serviceAccountName: null, annotations: {}, podLabels, selector, releaseNamespace });
    for (const [key, child] of Object.entries(block)) {
      if (key !== 'serviceAccount' && key !== 'rbac' && key !== 'podLabels') visit(child, [...path, key]);
    }
  };
  visit(valueAt(doc.object, root), root);
  return found;
}

type ServiceAccountSettings = Pick<ValuesWorkloadEntry, 'serviceAccountPath' | 'create' | 'serviceAccountName' | 'annotations'>;

/** The service account settings of a block: `serviceAccount`, `rbac.serviceAccount`, or one per `serviceAccount.<component>`. */
function serviceAccountsOf(block: Record<string, unknown>, path: NodePath): ServiceAccountSettings[] {
  const settings = (fields: Record<string, unknown>, at: NodePath): ServiceAccountSettings => ({
    serviceAccountPath: at,
    create: fields.create !== false,
    serviceAccountName: stringOf(fields.name ?? null),
    annotations: stringMapOf(fields.annotations),
  });
  const direct = asFields(block.serviceAccount);
  const underRbac = asFields(asFields(block.rbac)?.serviceAccount);
  const found: ServiceAccountSettings[] = [];
  if (direct && ('annotations' in direct || 'create' in direct || 'name' in direct)) found.push(settings(direct, [...path, 'serviceAccount']));
  else if (direct) {
    for (const [component, value] of Object.entries(direct)) {
      const fields = asFields(value);
      if (fields && 'annotations' in fields) found.push(settings(fields, [...path, 'serviceAccount', component]));
    }
  }
  if (underRbac) found.push(settings(underRbac, [...path, 'rbac', 'serviceAccount']));
  return found;
}
