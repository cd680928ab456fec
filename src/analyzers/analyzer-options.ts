export interface AnalyzerOptions {
  /** The namespace of documents that do not name one (kubectl's default). */
  defaultNamespace: string;
  /** MIC/NMI run with --forceNamespaced (Helm value forceNamespaced): every identity is namespaced. */
  forceNamespaced: boolean;
}

export const DEFAULT_ANALYZER_OPTIONS: AnalyzerOptions = { defaultNamespace: 'default', forceNamespaced: false };
