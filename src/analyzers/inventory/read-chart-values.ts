/**
 * Values of charts that keep identity settings of their own (the table in
 * migrations/helm-charts.yaml): found at the root of a values file or of a GitOps object's
 * values, or under a subchart key named after the chart (an umbrella chart's values).
 */
import type { ManifestDocument, NodePath } from '../../model/document.js';
import type { ChartValuesEntry } from '../../model/inventory.js';
import type { HelmChartRule } from '../analyzer-options.js';
import { asFields, stringOf, valueAt } from '../object-fields.js';

/**
 * `chartName` is the chart a GitOps object installs; for a values file, its path is the only
 * hint (`charts/external-dns/values.yaml`, `helm-values/karpenter.yaml`).
 */
export function readChartValues(doc: ManifestDocument, root: NodePath, chartName: string | null, charts: readonly HelmChartRule[]): ChartValuesEntry[] {
  const values = asFields(valueAt(doc.object, root));
  if (!values) return [];
  const found: ChartValuesEntry[] = [];
  for (const chart of charts) {
    const names = chart.match.chartNames ?? [];
    const named = () => names.length === 0 || names.some((name) => (chartName !== null ? chartName === name : pathNames(doc.file, name)));
    // The values test first: it is cheap and rarely passes, the name test is a pattern on the path.
    if (holds(chart, values) && named()) found.push({ doc, root, chart });
    // An umbrella chart's values for this chart sit under its name (its id when no names are given).
    for (const name of names.length > 0 ? names : [chart.id]) {
      const sub = asFields(values[name]);
      if (sub && holds(chart, sub)) found.push({ doc, root: [...root, name], chart });
    }
  }
  return found;
}

function holds(chart: HelmChartRule, values: Record<string, unknown>): boolean {
  const { path, equals } = chart.match;
  if (path === undefined) return true;
  const value = valueAt(values, path);
  if (value === undefined || value === null) return false;
  if (equals === undefined) return true;
  if (typeof equals === 'boolean') return value === equals || stringOf(value)?.toLowerCase() === String(equals);
  return stringOf(value)?.toLowerCase() === equals.toLowerCase();
}

/** One pattern per chart name, made once: a repository has thousands of values documents. */
const namePatterns = new Map<string, RegExp>();

function pathNames(file: string, name: string): boolean {
  let pattern = namePatterns.get(name);
  if (!pattern) {
    pattern = new RegExp(`(?:^|[/\\\\_.-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:[/\\\\_.-]|$)`);
    namePatterns.set(name, pattern);
  }
  return pattern.test(file);
}

/** The chart a Flux HelmRelease or an Argo CD source installs. */
export function gitOpsChartName(doc: ManifestDocument, valuesPath: NodePath): string | null {
  if (doc.object.kind === 'HelmRelease') return stringOf(valueAt(doc.object, ['spec', 'chart', 'spec', 'chart']) ?? null);
  // [...source, 'helm', 'valuesObject'] -> the source's chart
  return stringOf(valueAt(doc.object, [...valuesPath.slice(0, -2), 'chart']) ?? null);
}
