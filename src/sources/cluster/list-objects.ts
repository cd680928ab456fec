/**
 * Paginated lists (`limit` + `continue`), the way kubectl does them, so that a cluster with
 * thousands of pods is never read in one response. A continue token expires when etcd compacts
 * the revision it points at (HTTP 410 Gone, reason Expired); the list then starts again from
 * the first page, since mixing pages of two snapshots could miss or repeat objects.
 * https://kubernetes.io/docs/reference/using-api/api-concepts/#retrieving-large-results-sets-in-chunks
 */
import { ClusterError, credentialsError, statusMessage, type KubeClient } from './kube-client.js';

export const PAGE_SIZE = 500;
/** A list that expires this often in a row is reported as an external failure. */
const MAX_RESTARTS = 3;

export type ListOutcome =
  | { kind: 'ok'; items: Record<string, unknown>[]; pages: number; restarts: number }
  | { kind: 'forbidden'; message: string }
  | { kind: 'not-found'; message: string };

export interface ListHooks {
  /** Called after each page; tests use it to compact etcd or stop the API server mid-list. */
  afterPage?: (path: string, page: number) => Promise<void> | void;
}

export async function listObjects(client: KubeClient, path: string, query: Record<string, string> = {}, hooks: ListHooks = {}, pageSize = PAGE_SIZE): Promise<ListOutcome> {
  let restarts = 0;
  let pages = 0;
  for (;;) {
    const items: Record<string, unknown>[] = [];
    let token: string | null = null;
    let expired = false;
    do {
      const params = new URLSearchParams({ ...query, limit: String(pageSize) });
      if (token !== null) params.set('continue', token);
      const response = await client.request('GET', `${path}?${params.toString()}`);
      if (response.status === 401) throw credentialsError(client, response, path);
      if (response.status === 403) return { kind: 'forbidden', message: statusMessage(response) };
      if (response.status === 404) return { kind: 'not-found', message: statusMessage(response) };
      if (response.status === 410 && token !== null) {
        expired = true;
        break;
      }
      if (response.status !== 200) throw new ClusterError(`GET ${path} failed: ${statusMessage(response)}`, response.status);
      const body = response.body as { items?: unknown; metadata?: { continue?: unknown } } | null;
      if (!body || !Array.isArray(body.items)) throw new ClusterError(`GET ${path} answered with something that is not a list`, response.status);
      for (const item of body.items) if (typeof item === 'object' && item !== null) items.push(item as Record<string, unknown>);
      const next = body.metadata?.continue;
      token = typeof next === 'string' && next !== '' ? next : null;
      pages++;
      await hooks.afterPage?.(path, pages);
    } while (token !== null);
    if (!expired) return { kind: 'ok', items, pages, restarts };
    restarts++;
    if (restarts > MAX_RESTARTS) throw new ClusterError(`GET ${path}: the list expired (410 Gone) ${restarts} times in a row; etcd compacts faster than the list can be read`, 410);
  }
}
