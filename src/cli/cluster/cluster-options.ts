import type { KubeClient } from '../../sources/cluster/kube-client.js';
import type { ListHooks } from '../../sources/cluster/list-objects.js';
import { startProgress, type Progress } from '../progress.js';
import { CliError, EXIT } from '../exit-codes.js';
import type { RawOptions } from '../resolve-options.js';

/** The flags of the commands that talk to a cluster. */
export interface ClusterRawOptions extends RawOptions {
  cluster?: boolean;
  context?: string;
  kubeconfig?: string;
  namespace?: string;
  allNamespaces?: boolean;
  plan?: string;
  validateServer?: boolean;
}

/** One namespace, or null for all (the default: pod identity bindings match across namespaces). */
export function namespaceScope(raw: ClusterRawOptions): string | null {
  if (raw.namespace !== undefined && raw.allNamespaces === true) throw new CliError('--namespace and --all-namespaces exclude each other', EXIT.usage);
  if (raw.namespace !== undefined && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(raw.namespace)) throw new CliError(`--namespace must be a namespace name (got "${raw.namespace}")`, EXIT.usage);
  return raw.namespace ?? null;
}

/**
 * Loads @kubernetes/client-node only now, so commands on files never pay for it; a cluster
 * that cannot be reached or refuses the credentials is an external failure (exit code 3).
 */
export async function openCluster(raw: ClusterRawOptions): Promise<KubeClient> {
  const { connect } = await import('../../sources/cluster/kube-client.js');
  return withClusterErrors(async () => connect({ kubeconfig: raw.kubeconfig, context: raw.context }));
}

export async function withClusterErrors<T>(run: () => Promise<T>): Promise<T> {
  const { ClusterError } = await import('../../sources/cluster/kube-client.js');
  try {
    return await run();
  } catch (error) {
    if (error instanceof ClusterError) throw new CliError(error.message, EXIT.external);
    throw error;
  }
}

/**
 * The progress line of a cluster read (one step per page listed), on a terminal only; `done`
 * clears it before the report.
 */
export function clusterProgress(quiet: boolean): { hooks: ListHooks; progress: Progress } {
  const progress = startProgress(process.stderr, !quiet);
  return { progress, hooks: { afterPage: (path, page) => progress.step(`Reading the cluster: ${path}, page ${page}`) } };
}
