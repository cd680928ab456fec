import { analyze, DEFAULT_ANALYZER_OPTIONS, type AnalyzerOptions } from '../../src/analyzers/index.js';
import type { ManifestDocument } from '../../src/model/document.js';
import { parseManifestText, readDeferred, unreadPodChunks } from '../../src/sources/parse-manifest-text.js';

/** Documents from YAML files given as {name: text}; fails the test on a parse error. */
export function documentsFrom(files: Record<string, string>): ManifestDocument[] {
  return Object.entries(files).flatMap(([file, text]) => {
    const parsed = parseManifestText(file, text, file.endsWith('.json') ? 'json' : 'yaml');
    const late = readDeferred([...parsed.deferred, ...unreadPodChunks(file, text, file.endsWith('.json') ? 'json' : 'yaml')], (_, start, end) => text.slice(start, end));
    const error = [...parsed.findings, ...late.findings].find((finding) => finding.id === 'yaml-error');
    if (error) throw new Error(`${file}: ${error.message}`);
    return [...parsed.documents, ...late.documents];
  });
}

export function analyzeFiles(files: Record<string, string>, options: Partial<AnalyzerOptions> = {}) {
  return analyze(documentsFrom(files), { ...DEFAULT_ANALYZER_OPTIONS, ...options });
}

/** Small builders so each table row reads as the manifests it is about. */
export function identity(name: string, namespace: string, extra = ''): string {
  return `apiVersion: aadpodidentity.k8s.io/v1
kind: AzureIdentity
metadata:
  name: ${name}
  namespace: ${namespace}
${extra}spec:
  type: 0
  resourceID: /subscriptions/00000000-0000-0000-0000-000000000001/resourcegroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}
  clientID: 10000000-0000-0000-0000-${(name.length * 7919).toString().padStart(12, '0')}
`;
}

export function binding(name: string, namespace: string, identityName: string, selector: string): string {
  return `apiVersion: aadpodidentity.k8s.io/v1
kind: AzureIdentityBinding
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  azureIdentity: ${identityName}
  selector: ${selector}
`;
}

export function deployment(name: string, namespace: string, labels: Record<string, string>, spec = ''): string {
  const labelLines = Object.entries(labels).map(([key, value]) => `        ${key}: ${value}`).join('\n');
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
${labelLines}
    spec:
${spec}      containers:
        - name: app
          image: example.azurecr.io/${name}:1.0.0
`;
}

export function join(...documents: string[]): string {
  return documents.join('---\n');
}
