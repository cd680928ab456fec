import type { ManifestDocument } from '../model/document.js';
import type { Inventory } from '../model/inventory.js';
import type { AnalyzerOptions } from './analyzer-options.js';
import { matchIrsaWorkloads, readIrsaServiceAccount } from './inventory/read-irsa.js';
import { inlinePatchDocument, isKustomization, kustomizeNamespaces, readKustomization } from './inventory/read-kustomizations.js';
import { baseNamespace, readJson6902Patches } from './inventory/read-json6902.js';
import { inheritServiceAccounts } from './inventory/patched-workloads.js';
import { documentKey } from '../model/document.js';
import { matchBindings } from './match-bindings.js';
import { posixFile } from './inventory/posix-file.js';
import { readDocumentEntry, type DocumentEntry } from './read-document-entry.js';

/** Documents in, inventory out: everything that uses pod identity or IRSA and how it connects. Pure. */
export function collectInventory(documents: readonly ManifestDocument[], given: AnalyzerOptions): Inventory {
  const inventory: Inventory = {
    identities: [],
    bindings: [],
    exceptions: [],
    workloads: [],
    serviceAccounts: [],
    secretProviderClasses: [],
    assignments: [],
    irsaServiceAccounts: [],
    irsaWorkloads: [],
    valuesDocuments: [],
    valuesWorkloads: [],
    gitOpsValues: [],
    kustomizations: [],
    json6902Patches: [],
    chartValues: [],
  };
  inventory.kustomizations = documents.filter(isKustomization).map(readKustomization);
  const kustomized = kustomizeNamespaces(inventory.kustomizations);
  const kustomizationDocs = new Set(inventory.kustomizations.map((entry) => entry.doc));
  // Inline strategic-merge patches are read as the manifests they hold, in their kustomization's namespace.
  const patchNamespaces = new Map<ManifestDocument, string | undefined>();
  for (const entry of inventory.kustomizations) {
    for (const patch of entry.inlinePatches) {
      const inner = inlinePatchDocument(entry, patch);
      if (inner) patchNamespaces.set(inner, entry.namespace ?? kustomized.get(entry.dir));
    }
  }
  // JSON 6902 patches likewise, as what they set on their target; a file applied twice to one target counts once.
  inventory.json6902Patches = readJson6902Patches(inventory.kustomizations, documents.filter((doc) => doc.operations !== undefined));
  const patchKeys = new Set<string>();
  for (const patch of inventory.json6902Patches) {
    if (!patch.doc || patchKeys.has(documentKey(patch.doc))) continue;
    patchKeys.add(documentKey(patch.doc));
    const namespace = patch.kustomization.namespace ?? kustomized.get(patch.kustomization.dir);
    patchNamespaces.set(patch.doc, namespace ?? baseNamespace(patch.doc, documents, (file) => kustomized.get(posixFile(file))));
  }
  // The namespace a kustomization gives each file, and the options that carry it, once per file.
  const optionsByFile = new Map<string, AnalyzerOptions>();
  const optionsOfFile = (file: string) => {
    let options = optionsByFile.get(file);
    if (!options) {
      const namespace = kustomized.get(posixFile(file));
      options = namespace === undefined ? given : { ...given, namespaceOverride: namespace };
      optionsByFile.set(file, options);
    }
    return options;
  };
  const gitOpsReadings: Extract<DocumentEntry, { kind: 'gitops-values' }>[] = [];
  for (const doc of [...documents, ...patchNamespaces.keys()]) {
    if (kustomizationDocs.has(doc) || doc.operations !== undefined) continue;
    const patchNamespace = patchNamespaces.get(doc);
    const options = patchNamespaces.has(doc)
      ? patchNamespace === undefined ? given : { ...given, namespaceOverride: patchNamespace }
      : kustomized.size === 0 ? given : optionsOfFile(doc.file);
    const read = readDocumentEntry(doc, given, options);
    switch (read.kind) {
      case 'identity':
        inventory.identities.push(read.entry);
        break;
      case 'binding':
        inventory.bindings.push(read.entry);
        break;
      case 'exception':
        inventory.exceptions.push(read.entry);
        break;
      case 'service-account':
        inventory.serviceAccounts.push(read.entry);
        break;
      case 'secret-provider-class':
        inventory.secretProviderClasses.push(read.entry);
        break;
      case 'values':
        inventory.valuesDocuments.push(doc);
        inventory.valuesWorkloads.push(...read.workloads);
        inventory.chartValues.push(...read.charts);
        break;
      case 'gitops-values':
        for (const values of read.values) inventory.gitOpsValues.push({ doc, values });
        gitOpsReadings.push(read);
        break;
      case 'workload':
        inventory.workloads.push(read.entry);
        break;
    }
  }
  inheritServiceAccounts(inventory.workloads);
  // Values files first, then the values GitOps objects hold.
  for (const reading of gitOpsReadings) {
    inventory.valuesWorkloads.push(...reading.workloads);
    inventory.chartValues.push(...reading.charts);
  }
  inventory.assignments = matchBindings(inventory, given);
  inventory.irsaServiceAccounts = inventory.serviceAccounts.flatMap((account) => readIrsaServiceAccount(account) ?? []);
  inventory.irsaWorkloads = matchIrsaWorkloads(inventory.workloads, inventory.irsaServiceAccounts);
  return inventory;
}
