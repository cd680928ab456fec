import { collectInventory } from '../analyzers/collect-inventory.js';
import type { AnalyzerOptions } from '../analyzers/analyzer-options.js';
import type { ManifestDocument } from '../model/document.js';
import { serviceAccountName } from '../planner/choose-service-accounts.js';
import type { DeferredChunk } from '../sources/parse-manifest-text.js';

/**
 * The service account names a migration can touch: those the labelled workloads run under
 * today, those the planner may give them (the name template, and its `-2`, `-3`... when
 * taken), and the IRSA service accounts. Only documents that mention one of them need reading; for a repository where every
 * app has its own service account that is a small fraction.
 */
export function serviceAccountsInPlay(documents: readonly ManifestDocument[], analyzer: AnalyzerOptions, nameTemplate: string): Set<string> {
  const inventory = collectInventory(documents, analyzer);
  const names = new Set<string>();
  for (const workload of inventory.workloads) {
    if ('aadpodidbinding' in workload.podLabels && workload.serviceAccountName !== null) names.add(workload.serviceAccountName);
    // A JSON 6902 patch runs under its base manifest's service account (patched-workloads.ts): the base must be read.
    if ('aadpodidbinding' in workload.podLabels && workload.doc.json6902) names.add(workload.ref.name);
  }
  for (const { identity, workload } of inventory.assignments) {
    names.add(serviceAccountName(nameTemplate, identity.ref.name, workload.ref.name, workload.ref.namespace));
  }
  for (const account of inventory.irsaServiceAccounts) names.add(account.ref.name);
  return names;
}

export function mentionsAny(deferred: DeferredChunk, names: ReadonlySet<string>): boolean {
  return deferred.names.some((name) => names.has(name) || names.has(name.replace(/-\d+$/, '')));
}
