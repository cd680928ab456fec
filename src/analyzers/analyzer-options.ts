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
}

export const DEFAULT_ANALYZER_OPTIONS: AnalyzerOptions = { defaultNamespace: 'default', forceNamespaced: false };
