import { documentKey, type ManifestDocument } from '../model/document.js';
import type { Inventory } from '../model/inventory.js';
import { refString } from '../model/inventory.js';
import type { MigrationPlan } from '../model/plan.js';
import type { RefusedDocument } from './apply-file-edits.js';

/**
 * The workloads that must not be migrated because a document they depend on could not be
 * edited: their own document, the service account they would run under, a SecretProviderClass
 * they mount. Migrating them anyway would leave a pod pointing at a service account that was
 * never written, or a secret mount that stops working at cutover.
 */
export function affectedWorkloads(refused: readonly RefusedDocument[], plan: MigrationPlan, inventory: Inventory): Set<string> {
  const refusedDocs = new Set(refused.map((entry) => `${entry.file}#${entry.docIndex}`));
  const isRefused = (doc: ManifestDocument) => refusedDocs.has(`${doc.file}#${doc.docIndex}`);
  const affected = new Set<string>();

  for (const workload of inventory.workloads) if (isRefused(workload.doc)) affected.add(documentKey(workload.doc));
  const accountDocs = new Map(inventory.serviceAccounts.map((account) => [refString(account.ref), account.doc]));
  for (const account of plan.serviceAccounts) {
    const doc = accountDocs.get(refString(account.ref));
    if (account.action === 'annotate' && doc && isRefused(doc)) for (const key of account.workloads) affected.add(key);
  }
  for (const spc of inventory.secretProviderClasses) {
    if (!isRefused(spc.doc)) continue;
    for (const workload of inventory.workloads) {
      if (workload.ref.namespace === spc.ref.namespace && workload.secretProviderClasses.includes(spc.ref.name)) affected.add(documentKey(workload.doc));
    }
  }
  return affected;
}
