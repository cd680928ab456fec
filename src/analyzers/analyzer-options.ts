/** An AWS-only component and what replaces it on AKS (migrations/aws-components.yaml). */
export interface AwsComponent {
  id: string;
  /** Substrings of container image names that identify it. */
  images: string[];
  replacement: string;
}

export interface AnalyzerOptions {
  /** The namespace of documents that do not name one (kubectl's default). */
  defaultNamespace: string;
  /** MIC/NMI run with --forceNamespaced (Helm value forceNamespaced): every identity is namespaced. */
  forceNamespaced: boolean;
  /** Known AWS-only components; none when not given. */
  awsComponents?: readonly AwsComponent[];
  /** Set per document, not by users: the namespace a kustomization gives its resources, which wins over theirs. */
  namespaceOverride?: string;
}

/** The namespace of an object: kustomize's, else its own, else the default. */
export function namespaceOf(meta: { namespace?: string | null | undefined }, options: AnalyzerOptions): string {
  return options.namespaceOverride ?? meta.namespace ?? options.defaultNamespace;
}

export const DEFAULT_ANALYZER_OPTIONS: AnalyzerOptions = { defaultNamespace: 'default', forceNamespaced: false };
