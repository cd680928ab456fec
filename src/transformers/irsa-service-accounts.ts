/**
 * IRSA service accounts take the Workload ID annotations (DESIGN §4, §5): `role-arn` becomes
 * `azure.workload.identity/client-id` (with the tenant id when known), `token-expiration` becomes
 * `service-account-token-expiration`. At cutover the `eks.amazonaws.com/` annotations go
 * (`audience` and `sts-regional-endpoints` have no Workload ID counterpart).
 */
import { IRSA_PREFIX } from '../analyzers/inventory/read-irsa.js';
import { documentKey } from '../model/document.js';
import { CLIENT_ID_ANNOTATION, TENANT_ID_ANNOTATION } from '../planner/choose-service-accounts.js';
import { deleteAt, editsOnly, setAt, type FileEdit, type Transformer } from './transform-context.js';

export const TOKEN_EXPIRATION_ANNOTATION = 'azure.workload.identity/service-account-token-expiration';
const IRSA_ACCOUNT_ANNOTATIONS = ['role-arn', 'audience', 'sts-regional-endpoints', 'token-expiration'].map((name) => `${IRSA_PREFIX}${name}`);

export const annotateIrsaServiceAccounts: Transformer = (context) => {
  const byKey = new Map(context.inventory.serviceAccounts.map((account) => [documentKey(account.doc), account]));
  const edits: FileEdit[] = [];
  for (const planned of context.plan.irsaServiceAccounts) {
    const account = byKey.get(planned.key);
    if (!account) continue;
    const wanted: Record<string, string> = { [CLIENT_ID_ANNOTATION]: planned.clientId };
    if (planned.tenantId) wanted[TENANT_ID_ANNOTATION] = planned.tenantId;
    if (planned.tokenExpiration !== null) wanted[TOKEN_EXPIRATION_ANNOTATION] = String(planned.tokenExpiration);
    for (const [key, value] of Object.entries(wanted)) {
      if (account.annotations[key] !== value) edits.push(setAt(account.doc, ['metadata', 'annotations', key], value));
    }
    if (context.plan.phase !== 'cutover') continue;
    for (const key of IRSA_ACCOUNT_ANNOTATIONS) {
      if (key in account.annotations) edits.push(deleteAt(account.doc, ['metadata', 'annotations', key]));
    }
  }
  return editsOnly(edits);
};
