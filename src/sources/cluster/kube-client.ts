/**
 * The one door to the API server. Kubeconfig loading, contexts and every kind of credential
 * (client certificates, tokens, exec and auth-provider plugins) are @kubernetes/client-node's;
 * requests go through its HTTP pipeline (RequestContext + its fetch library + the kubeconfig's
 * security settings). Bodies are parsed here as plain JSON rather than through the generated
 * models: the analyzers want the objects exactly as the API serves them (the models would turn
 * timestamps into Dates and drop fields a CRD adds), and plain JSON is several times faster on
 * lists of thousands of pods.
 *
 * This module imports @kubernetes/client-node statically; commands load it with a dynamic import
 * so that `scan` on files never pays for it.
 */
import { HttpMethod, IsomorphicFetchHttpLibrary, KubeConfig, RequestContext } from '@kubernetes/client-node';

export interface KubeClientOptions {
  /** A kubeconfig file; default: $KUBECONFIG or ~/.kube/config (client-node's rules). */
  kubeconfig?: string;
  context?: string;
  /** Abort a request that has not answered in this many milliseconds (default 60 s). */
  timeoutMs?: number;
}

export interface KubeResponse {
  status: number;
  /** The parsed JSON body, or null when the body is not JSON. */
  body: unknown;
  text: string;
}

export type KubeMethod = 'GET' | 'POST' | 'PATCH' | 'PUT';

export interface KubeClient {
  /** The context name, used in every location of a live object. */
  context: string;
  server: string;
  request(method: KubeMethod, path: string, body?: unknown, contentType?: string): Promise<KubeResponse>;
}

/** The cluster cannot be reached or refuses the credentials: the command ends with exit code 3. */
export class ClusterError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

const METHODS: Record<KubeMethod, HttpMethod> = { GET: HttpMethod.GET, POST: HttpMethod.POST, PATCH: HttpMethod.PATCH, PUT: HttpMethod.PUT };

export function connect(options: KubeClientOptions = {}): KubeClient {
  const config = new KubeConfig();
  try {
    if (options.kubeconfig !== undefined) config.loadFromFile(options.kubeconfig);
    else config.loadFromDefault();
  } catch (error) {
    throw new ClusterError(`cannot read the kubeconfig${options.kubeconfig ? ` ${options.kubeconfig}` : ''}: ${messageOf(error)}`, null);
  }
  if (options.context !== undefined) {
    if (!config.getContextObject(options.context)) {
      const known = config.getContexts().map((context) => context.name);
      throw new ClusterError(`no context "${options.context}" in the kubeconfig (known: ${known.join(', ') || 'none'})`, null);
    }
    config.setCurrentContext(options.context);
  }
  const cluster = config.getCurrentCluster();
  if (!cluster) throw new ClusterError('the kubeconfig has no current context with a cluster (set one with --context or kubectl config use-context)', null);
  // client-node's last resort when there is no kubeconfig at all (and no in-cluster account).
  if (options.kubeconfig === undefined && config.getCurrentContext() === 'loaded-context' && cluster.server === 'http://localhost:8080') {
    throw new ClusterError('no kubeconfig found: set KUBECONFIG, pass --kubeconfig, or write ~/.kube/config (az aks get-credentials)', null);
  }
  const server = cluster.server.replace(/\/+$/, '');
  const context = config.getCurrentContext();
  const http = new IsomorphicFetchHttpLibrary();
  const timeoutMs = options.timeoutMs ?? 60_000;

  async function request(method: KubeMethod, path: string, body?: unknown, contentType = 'application/json'): Promise<KubeResponse> {
    const ctx = new RequestContext(`${server}${path}`, METHODS[method]);
    ctx.setHeaderParam('Accept', 'application/json');
    ctx.setHeaderParam('User-Agent', 'wimigrate');
    if (body !== undefined) {
      ctx.setHeaderParam('Content-Type', contentType);
      ctx.setBody(JSON.stringify(body));
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    ctx.setSignal(controller.signal);
    try {
      // Credentials (including exec plugins that fetch a fresh token) are applied per request.
      await config.applySecurityAuthentication(ctx);
      const response = await http.send(ctx).toPromise();
      const text = await response.body.text();
      return { status: response.httpStatusCode, body: parseJson(text), text };
    } catch (error) {
      if (error instanceof ClusterError) throw error;
      const reason = controller.signal.aborted ? `no answer within ${timeoutMs / 1000} s` : messageOf(error);
      throw new ClusterError(`cannot reach the API server ${server} (context ${context}): ${reason}`, null);
    } finally {
      clearTimeout(timer);
    }
  }
  return { context, server, request };
}

/** The API's own message (a metav1.Status) when there is one. */
export function statusMessage(response: KubeResponse): string {
  const body = response.body as { message?: unknown; reason?: unknown } | null;
  const full = typeof body?.message === 'string' ? body.message : response.text.trim();
  // Validation messages of 1.20 dump whole Go structs between the field and the reason: keep both ends.
  const message = full.length > 600 ? `${full.slice(0, 300)} ... ${full.slice(-200)}` : full;
  return `HTTP ${response.status}${typeof body?.reason === 'string' ? ` ${body.reason}` : ''}: ${message || '(empty body)'}`;
}

/** 401 means the credentials are missing, wrong or expired: nothing else can work. */
export function credentialsError(client: KubeClient, response: KubeResponse, path: string): ClusterError {
  return new ClusterError(
    `the API server ${client.server} refused the credentials of context ${client.context} (GET ${path}: ${statusMessage(response)}); they may have expired: log in again (az aks get-credentials, or your kubeconfig's login command)`,
    response.status,
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function messageOf(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { code?: unknown; errno?: unknown }).code;
    return typeof cause === 'string' && !error.message.includes(cause) ? `${error.message} (${cause})` : error.message;
  }
  return String(error);
}
