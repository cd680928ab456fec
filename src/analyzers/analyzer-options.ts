/** An AWS-only component and what replaces it on AKS (migrations/aws-components.yaml). */
export interface AwsComponent {
  id: string;
  /** Substrings of container image names that identify it. */
  images: string[];
  replacement: string;
}

/** A chart's own identity settings and what they become (migrations/helm-charts.yaml). */
export interface HelmChartRule {
  id: string;
  title: string;
  docs?: string;
  /** Every condition given must hold: a path in the chart's values (with its value), a chart name. */
  match: { path?: string[]; equals?: string | boolean; chartNames?: string[] };
  clientId?: { from: 'value' | 'selector' | 'role-arn'; path: string[] };
  changes: HelmChartChange[];
  note?: string;
  /** AWS-only charts: what replaces them on AKS. */
  replacedBy?: string;
}

export interface HelmChartChange {
  phase: 'prepare' | 'cutover';
  op: 'set' | 'delete';
  path: string[];
  /** For set: a value, or "{clientId}" / "{tenantId}". */
  value?: string | boolean;
}

export interface AnalyzerOptions {
  /** The namespace of documents that do not name one (kubectl's default). */
  defaultNamespace: string;
  /** MIC/NMI run with --forceNamespaced (Helm value forceNamespaced): every identity is namespaced. */
  forceNamespaced: boolean;
  /** Known AWS-only components; none when not given. */
  awsComponents?: readonly AwsComponent[];
  /** Charts with their own identity settings; none when not given. */
  helmCharts?: readonly HelmChartRule[];
  /** Set per document, not by users: the namespace a kustomization gives its resources, which wins over theirs. */
  namespaceOverride?: string;
}

/** The namespace of an object: kustomize's, else its own, else the default. */
export function namespaceOf(meta: { namespace?: string | null | undefined }, options: AnalyzerOptions): string {
  return options.namespaceOverride ?? meta.namespace ?? options.defaultNamespace;
}

export const DEFAULT_ANALYZER_OPTIONS: AnalyzerOptions = { defaultNamespace: 'default', forceNamespaced: false };
