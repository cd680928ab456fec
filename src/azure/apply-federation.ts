/**
 * Drives a FederationClient over the identities of a plan: per identity, one call at a time
 * (parallel writes to one identity fail with 409); identities in parallel up to a bound. Reads
 * each identity (client id, principal id, tenant, location) and its credentials, diffs them
 * with the plan, and with `apply` creates what is missing (and, with `prune`, deletes the
 * credentials wimigrate made that the plan no longer has). A failure on one identity is kept in
 * its outcome and the others go on. Every write is journalled before and after, so an
 * interrupted run can be told apart and resumed: the state is always read again from Azure,
 * and credential names are deterministic, so running again never writes anything twice.
 */
import { diffCredentials, type IdentityDiff } from './diff-credentials.js';
import { AzureApiError, type ExistingIdentity, type FederationClient } from './federation-client.js';
import type { IdentityWork } from './federation-targets.js';
import { federationUnsupportedIn } from './unsupported-locations.js';
import { withRetry, type RetryPolicy } from './with-retry.js';

export type JournalStep = 'create-identity' | 'create-credential' | 'delete-credential';

export interface JournalEvent {
  identity: string;
  step: JournalStep;
  name: string;
  outcome: 'started' | 'done' | 'failed';
  detail?: string;
}

export interface FederationOptions {
  apply: boolean;
  prune: boolean;
  /** How many identities are worked on at once. */
  concurrency: number;
  retry: RetryPolicy;
  sleep: (ms: number) => Promise<void>;
  journal: (event: JournalEvent) => void;
  /** Progress lines (retries, writes); never secrets. */
  log: (line: string) => void;
  /** Which identity is being worked on, for a progress line on a terminal. */
  onIdentity?: (name: string, done: number, total: number) => void;
}

export type IdentityStatus = 'ok' | 'to-create' | 'missing' | 'unsupported-location' | 'failed';

export interface IdentityOutcome {
  work: IdentityWork;
  status: IdentityStatus;
  identity: ExistingIdentity | null;
  /** The identity was created by this run. */
  createdIdentity: boolean;
  diff: IdentityDiff | null;
  created: string[];
  deleted: string[];
  error: AzureApiError | null;
}

export async function runFederation(client: FederationClient, works: readonly IdentityWork[], options: FederationOptions): Promise<IdentityOutcome[]> {
  const outcomes: IdentityOutcome[] = new Array(works.length);
  let next = 0;
  const worker = async () => {
    while (next < works.length) {
      const index = next++;
      options.onIdentity?.(works[index]!.address.name, index, works.length);
      outcomes[index] = await federateIdentity(client, works[index]!, options);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, works.length)) }, worker));
  return outcomes;
}

async function federateIdentity(client: FederationClient, work: IdentityWork, options: FederationOptions): Promise<IdentityOutcome> {
  const outcome: IdentityOutcome = { work, status: 'ok', identity: null, createdIdentity: false, diff: null, created: [], deleted: [], error: null };
  const { address } = work;
  const call = <T>(fn: () => Promise<T>) =>
    withRetry(fn, options.retry, options.sleep, (error, attempt, delay) => options.log(`${address.name}: ${error.message}; retry ${attempt} in ${delay} ms`));
  const step = async (kind: JournalStep, name: string, fn: () => Promise<void>) => {
    options.journal({ identity: work.resourceId, step: kind, name, outcome: 'started' });
    try {
      await call(fn);
    } catch (error) {
      options.journal({ identity: work.resourceId, step: kind, name, outcome: 'failed', detail: error instanceof Error ? error.message : String(error) });
      throw error;
    }
    options.journal({ identity: work.resourceId, step: kind, name, outcome: 'done' });
  };
  try {
    outcome.identity = await call(() => client.getIdentity(address));
    if (outcome.identity === null) {
      if (!work.create) {
        outcome.status = 'missing';
        outcome.error = new AzureApiError('userAssignedIdentities.get', 404, 'ResourceNotFound', `identity ${address.name} does not exist in resource group ${address.resourceGroup} of subscription ${address.subscriptionId}`);
        return outcome;
      }
      if (!options.apply) {
        outcome.status = 'to-create';
        outcome.diff = diffCredentials(work.credentials, [], options.prune);
        return outcome;
      }
      const { location, tags } = work.create;
      if (location !== null && federationUnsupportedIn(location)) {
        outcome.status = 'unsupported-location';
        return outcome;
      }
      if (location === null) throw new AzureApiError('userAssignedIdentities.createOrUpdate', 400, 'LocationRequired', `no location for new identity ${address.name}: pass --identity-location`);
      await step('create-identity', address.name, async () => {
        outcome.identity = await client.createIdentity(address, location, tags);
      });
      outcome.createdIdentity = true;
      options.log(`${address.name}: created identity (client id ${outcome.identity!.clientId})`);
    }
    if (federationUnsupportedIn(outcome.identity!.location)) {
      outcome.status = 'unsupported-location';
      return outcome;
    }
    const existing = outcome.createdIdentity ? [] : await call(() => client.listCredentials(address));
    outcome.diff = diffCredentials(work.credentials, existing, options.prune);
    if (!options.apply) return outcome;
    if (options.prune) {
      for (const credential of outcome.diff.prunable) {
        await step('delete-credential', credential.name, () => client.deleteCredential(address, credential.name));
        outcome.deleted.push(credential.name);
        options.log(`${address.name}: deleted federated credential ${credential.name}`);
      }
    }
    for (const entry of outcome.diff.entries) {
      if (entry.state !== 'create') continue;
      await step('create-credential', entry.credential.name, () => client.putCredential(address, entry.credential));
      outcome.created.push(entry.credential.name);
      options.log(`${address.name}: created federated credential ${entry.credential.name}`);
    }
  } catch (error) {
    if (!(error instanceof AzureApiError)) throw error;
    outcome.status = 'failed';
    outcome.error = error;
  }
  return outcome;
}
