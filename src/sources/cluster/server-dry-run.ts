/**
 * Server-side dry run of rewritten objects: a server-side apply (PATCH
 * application/apply-patch+yaml) with `dryRun=All`, so the API server decodes, defaults,
 * validates and runs admission on each object exactly as a real apply would, and stores nothing.
 * Apply works whether the object exists or not.
 * https://kubernetes.io/docs/reference/using-api/api-concepts/#dry-run
 */
import { groupVersionPath } from './cluster-kinds.js';
import { ClusterError, credentialsError, statusMessage, type KubeClient, type KubeResponse } from './kube-client.js';

export interface DryRunAnswer {
  status: 'accepted' | 'rejected';
  /** HTTP status of the API's answer (0 when the request was not sent). */
  httpStatus: number;
  message: string;
}

export function makeDryRun(client: KubeClient, defaultNamespace: string): (object: Record<string, unknown>) => Promise<DryRunAnswer> {
  const resources = new Map<string, Promise<Map<string, { name: string; namespaced: boolean }> | null>>();
  const discover = (apiVersion: string) => {
    let found = resources.get(apiVersion);
    if (!found) {
      const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
      const path = groupVersionPath(group!, version!);
      found = client.request('GET', path).then((response) => {
        if (response.status === 401) throw credentialsError(client, response, path);
        if (response.status !== 200) return null;
        const list = (response.body as { resources?: { name: string; kind: string; namespaced: boolean }[] } | null)?.resources ?? [];
        return new Map(list.filter((entry) => !entry.name.includes('/')).map((entry) => [entry.kind, { name: entry.name, namespaced: entry.namespaced }]));
      });
      resources.set(apiVersion, found);
    }
    return found;
  };
  return async (object) => {
    const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : '';
    const kind = typeof object.kind === 'string' ? object.kind : '';
    const metadata = (object.metadata ?? {}) as { name?: unknown; namespace?: unknown };
    if (typeof metadata.name !== 'string' || metadata.name === '') return { status: 'rejected', httpStatus: 0, message: 'the object has no metadata.name' };
    const resource = (await discover(apiVersion))?.get(kind);
    if (!resource) return { status: 'rejected', httpStatus: 0, message: `the server does not serve ${kind} in ${apiVersion || '(no apiVersion)'}` };
    const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : defaultNamespace;
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    const base = groupVersionPath(group!, version!);
    const path = `${base}${resource.namespaced ? `/namespaces/${encodeURIComponent(namespace)}` : ''}/${resource.name}/${encodeURIComponent(metadata.name)}?dryRun=All&fieldManager=wimigrate&force=true`;
    const body = resource.namespaced ? { ...object, metadata: { ...(object.metadata as object), namespace } } : object;
    let response = await client.request('PATCH', path, body, 'application/apply-patch+yaml');
    if (response.status === 500 && /failed to create typed (patch )?object/.test(statusMessage(response))) {
      // Server-side apply before Kubernetes 1.21 cannot build its typed view of some valid
      // objects (a Service port without `protocol`): validate by create, or by a merge patch of an existing object.
      response = await createOrPatch(client, `${base}${resource.namespaced ? `/namespaces/${encodeURIComponent(namespace)}` : ''}/${resource.name}`, metadata.name, body);
    }
    if (response.status === 401) throw credentialsError(client, response, path);
    // The server itself is unavailable (a proxy in front of it, or it is shutting down): nothing can be validated.
    if (response.status === 502 || response.status === 503 || response.status === 504) throw new ClusterError(`PATCH ${path} failed: ${statusMessage(response)}`, response.status);
    if (response.status === 200 || response.status === 201) return { status: 'accepted', httpStatus: response.status, message: 'accepted by the API server (dry run)' };
    return { status: 'rejected', httpStatus: response.status, message: statusMessage(response) };
  };
}

/**
 * Dry-run create; when the object exists, a dry-run merge patch of the whole object onto it
 * (fields the server set, such as a Service's clusterIP, stay as they are, as with apply).
 */
async function createOrPatch(client: KubeClient, collection: string, name: string, body: Record<string, unknown>): Promise<KubeResponse> {
  const created = await client.request('POST', `${collection}?dryRun=All&fieldManager=wimigrate`, body);
  if (created.status !== 409) return created;
  return client.request('PATCH', `${collection}/${encodeURIComponent(name)}?dryRun=All&fieldManager=wimigrate`, body, 'application/merge-patch+json');
}
