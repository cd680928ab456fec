import type { ManifestDocument } from '../model/document.js';
import type {
  AzureIdentityBindingEntry,
  AzureIdentityEntry,
  ChartValuesEntry,
  PodIdentityExceptionEntry,
  SecretProviderClassEntry,
  ServiceAccountEntry,
  ValuesWorkloadEntry,
  WorkloadEntry,
} from '../model/inventory.js';
import type { AnalyzerOptions } from './analyzer-options.js';
import { embeddedValues, stringValuesDocument, type EmbeddedValues } from './inventory/embedded-values.js';
import { gitOpsChartName, readChartValues } from './inventory/read-chart-values.js';
import { readValuesWorkloads } from './inventory/read-values.js';
import { readWorkload, templatePathOf } from './inventory/find-pod-templates.js';
import { readSecretProviderClass, readServiceAccount } from './inventory/read-other-resources.js';
import {
  isPodIdentityKind,
  readAzureIdentity,
  readAzureIdentityBinding,
  readPodIdentityException,
} from './inventory/read-pod-identity-resources.js';

/** What one document contributes to the inventory on its own, before anything is matched. */
export type DocumentEntry =
  | { kind: 'identity'; entry: AzureIdentityEntry }
  | { kind: 'binding'; entry: AzureIdentityBindingEntry }
  | { kind: 'exception'; entry: PodIdentityExceptionEntry }
  | { kind: 'service-account'; entry: ServiceAccountEntry }
  | { kind: 'secret-provider-class'; entry: SecretProviderClassEntry }
  | ({ kind: 'values' } & ValuesReading)
  | ({ kind: 'gitops-values'; values: EmbeddedValues[] } & ValuesReading)
  | { kind: 'workload'; entry: WorkloadEntry }
  | { kind: 'other' };

/** What Helm values (a values file, or the values a GitOps object holds) configure. */
interface ValuesReading {
  workloads: ValuesWorkloadEntry[];
  charts: ChartValuesEntry[];
}

const OTHER: DocumentEntry = { kind: 'other' };

/**
 * Entries already read, per run options and document: a migration collects the inventory up to
 * four times (which service accounts are in play, the analysis, and both again in the second
 * pass), and the second pass reuses the document objects of every file it did not change, so
 * only edited documents are read again. Entries are never mutated, so sharing them is safe.
 */
const memo = new WeakMap<AnalyzerOptions, WeakMap<ManifestDocument, { namespaceOverride: string | undefined; entry: DocumentEntry }>>();

/**
 * The entry of one document; `options` is `given` or `given` with the namespace a kustomization
 * sets (which is all that may differ between two reads of the same document in a run).
 */
export function readDocumentEntry(doc: ManifestDocument, given: AnalyzerOptions, options: AnalyzerOptions): DocumentEntry {
  let byDoc = memo.get(given);
  if (!byDoc) memo.set(given, (byDoc = new WeakMap()));
  const known = byDoc.get(doc);
  if (known && known.namespaceOverride === options.namespaceOverride) return known.entry;
  const entry = readEntry(doc, options);
  byDoc.set(doc, { namespaceOverride: options.namespaceOverride, entry });
  return entry;
}

function readEntry(doc: ManifestDocument, options: AnalyzerOptions): DocumentEntry {
  const { kind, apiVersion } = doc.object;
  if (isPodIdentityKind(doc, 'AzureIdentity')) return { kind: 'identity', entry: readAzureIdentity(doc, options) };
  if (isPodIdentityKind(doc, 'AzureIdentityBinding')) return { kind: 'binding', entry: readAzureIdentityBinding(doc, options) };
  if (isPodIdentityKind(doc, 'AzurePodIdentityException')) return { kind: 'exception', entry: readPodIdentityException(doc, options) };
  if (kind === 'ServiceAccount' && apiVersion === 'v1') return { kind: 'service-account', entry: readServiceAccount(doc, options) };
  if (kind === 'SecretProviderClass') {
    const entry = readSecretProviderClass(doc, options);
    return entry ? { kind: 'secret-provider-class', entry } : OTHER;
  }
  if (kind === undefined && apiVersion === undefined) {
    return { kind: 'values', workloads: readValuesWorkloads(doc), charts: readChartValues(doc, [], null, options.helmCharts ?? []) };
  }
  const embedded = embeddedValues(doc);
  if (embedded.length > 0) return { kind: 'gitops-values', values: embedded, ...readEmbeddedValues(doc, embedded, options) };
  const templatePath = templatePathOf(doc);
  return templatePath ? { kind: 'workload', entry: readWorkload(doc, templatePath, options) } : OTHER;
}

/** The values inside a GitOps object: an object, or a YAML string (Argo CD's `helm.values: |`). */
function readEmbeddedValues(doc: ManifestDocument, embedded: readonly EmbeddedValues[], options: AnalyzerOptions): ValuesReading {
  const charts = options.helmCharts ?? [];
  const reading: ValuesReading = { workloads: [], charts: [] };
  for (const values of embedded) {
    const chartName = charts.length > 0 ? gitOpsChartName(doc, values.path) : null;
    if (!values.inString) {
      reading.workloads.push(...readValuesWorkloads(doc, values.path, values.namespace));
      reading.charts.push(...readChartValues(doc, values.path, chartName, charts));
      continue;
    }
    const inner = stringValuesDocument(doc, values.path);
    if (!inner) continue;
    reading.workloads.push(...readValuesWorkloads(inner, [], values.namespace));
    reading.charts.push(...readChartValues(inner, [], chartName, charts));
  }
  return reading;
}
