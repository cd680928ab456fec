import type { ManifestDocument } from '../model/document.js';
import type { Inventory } from '../model/inventory.js';
import type { AnalyzerOptions } from './analyzer-options.js';
import { matchIrsaWorkloads, readIrsaServiceAccount } from './inventory/read-irsa.js';
import path from 'node:path';
import { stringValuesDocument } from './inventory/embedded-values.js';
import { gitOpsChartName, readChartValues } from './inventory/read-chart-values.js';
import { inlinePatchDocument, isKustomization, kustomizeNamespaces, readKustomization } from './inventory/read-kustomizations.js';
import { readValuesWorkloads } from './inventory/read-values.js';
import { matchBindings } from './match-bindings.js';
import { readDocumentEntry } from './read-document-entry.js';

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
  // The namespace a kustomization gives each file, and the options that carry it, once per file.
  const optionsByFile = new Map<string, AnalyzerOptions>();
  const optionsOfFile = (file: string) => {
    let options = optionsByFile.get(file);
    if (!options) {
      const namespace = kustomized.get(path.posix.normalize(file.replaceAll('\\', '/')));
      options = namespace === undefined ? given : { ...given, namespaceOverride: namespace };
      optionsByFile.set(file, options);
    }
    return options;
  };
  for (const doc of [...documents, ...patchNamespaces.keys()]) {
    if (kustomizationDocs.has(doc)) continue;
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
        break;
      case 'gitops-values':
        for (const values of read.values) inventory.gitOpsValues.push({ doc, values });
        break;
      case 'workload':
        inventory.workloads.push(read.entry);
        break;
    }
  }
  inventory.valuesWorkloads = [
    ...inventory.valuesDocuments.flatMap((doc) => readValuesWorkloads(doc)),
    ...inventory.gitOpsValues.flatMap(({ doc, values }) => {
      if (!values.inString) return readValuesWorkloads(doc, values.path, values.namespace);
      const inner = stringValuesDocument(doc, values.path);
      return inner ? readValuesWorkloads(inner, [], values.namespace) : [];
    }),
  ];
  const charts = given.helmCharts ?? [];
  if (charts.length > 0) {
    inventory.chartValues = [
      ...inventory.valuesDocuments.flatMap((doc) => readChartValues(doc, [], null, charts)),
      ...inventory.gitOpsValues.flatMap(({ doc, values }) => {
        const chartName = gitOpsChartName(doc, values.path);
        if (!values.inString) return readChartValues(doc, values.path, chartName, charts);
        const inner = stringValuesDocument(doc, values.path);
        return inner ? readChartValues(inner, [], chartName, charts) : [];
      }),
    ];
  }
  inventory.assignments = matchBindings(inventory, given);
  inventory.irsaServiceAccounts = inventory.serviceAccounts.flatMap((account) => readIrsaServiceAccount(account) ?? []);
  inventory.irsaWorkloads = matchIrsaWorkloads(inventory.workloads, inventory.irsaServiceAccounts);
  return inventory;
}
