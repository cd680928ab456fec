/**
 * The migration proxy sidecar answers IMDS token requests for apps on SDKs without
 * WorkloadIdentityCredential. The key's presence alone turns it on, so it is only ever added
 * (https://azure.github.io/azure-workload-identity/docs/topics/migration-sidecar.html).
 */
import { editsOnly, plannedWorkloads, setAt, type Transformer } from './transform-context.js';

export const PROXY_SIDECAR_ANNOTATION = 'azure.workload.identity/inject-proxy-sidecar';
export const PROXY_PORT_ANNOTATION = 'azure.workload.identity/proxy-sidecar-port';
const DEFAULT_PROXY_PORT = '8000';

export const addProxySidecarAnnotation: Transformer = (context) =>
  editsOnly(
    plannedWorkloads(context)
      .filter(({ planned, workload }) => planned.proxySidecar && !(PROXY_SIDECAR_ANNOTATION in workload.podAnnotations))
      .flatMap(({ workload }) => {
        const annotations = [...workload.templatePath, 'metadata', 'annotations'];
        return [
          setAt(workload.doc, [...annotations, PROXY_SIDECAR_ANNOTATION], 'true'),
          ...(PROXY_PORT_ANNOTATION in workload.podAnnotations ? [] : [setAt(workload.doc, [...annotations, PROXY_PORT_ANNOTATION], DEFAULT_PROXY_PORT)]),
        ];
      }),
  );
