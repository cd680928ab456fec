/**
 * The FederationClient over @azure/arm-msi's ManagedServiceIdentityClient. Loaded only by the
 * federate command when it needs Azure. The SDK's own retries are turned off: the applier
 * retries (with-retry.ts) and must see every 409 and 429 to keep writes to one identity in order.
 */
import type { Agent } from 'node:https';
import type { TokenCredential } from '@azure/core-auth';
import type { ManagedServiceIdentityClient } from '@azure/arm-msi';
import { AzureApiError, type CredentialBody, type ExistingIdentity, type FederationClient, type IdentityAddress } from './federation-client.js';

export interface ArmClientOptions {
  credential: TokenCredential;
  /** Azure Resource Manager endpoint; default https://management.azure.com (sovereign clouds differ). */
  endpoint?: string;
  /** An https agent with the CAs to trust, for an endpoint behind a private CA. */
  agent?: Agent;
}

export async function createArmMsiClient(options: ArmClientOptions): Promise<FederationClient> {
  const { ManagedServiceIdentityClient: Client } = await import('@azure/arm-msi');
  const clients = new Map<string, ManagedServiceIdentityClient>();
  const endpoint = (options.endpoint ?? 'https://management.azure.com').replace(/\/+$/, '');
  const clientFor = (subscriptionId: string) => {
    let client = clients.get(subscriptionId);
    if (!client) {
      client = new Client(options.credential, subscriptionId, {
        endpoint,
        $host: endpoint,
        retryOptions: { maxRetries: 0 },
        ...(options.agent ? { agent: options.agent } : {}),
        userAgentOptions: { userAgentPrefix: 'wimigrate' },
      });
      clients.set(subscriptionId, client);
    }
    return client;
  };
  const identityOf = (found: { id?: string; location: string; clientId?: string; principalId?: string; tenantId?: string }): ExistingIdentity => ({
    id: found.id ?? '',
    location: found.location,
    clientId: found.clientId ?? '',
    principalId: found.principalId ?? '',
    tenantId: found.tenantId ?? '',
  });

  return {
    async getIdentity(identity: IdentityAddress) {
      try {
        return identityOf(await clientFor(identity.subscriptionId).userAssignedIdentities.get(identity.resourceGroup, identity.name));
      } catch (error) {
        const failure = apiError('userAssignedIdentities.get', error);
        if (failure.status === 404) return null;
        throw failure;
      }
    },
    async createIdentity(identity, location, tags) {
      try {
        return identityOf(await clientFor(identity.subscriptionId).userAssignedIdentities.createOrUpdate(identity.resourceGroup, identity.name, { location, tags }));
      } catch (error) {
        throw apiError('userAssignedIdentities.createOrUpdate', error);
      }
    },
    async listCredentials(identity) {
      try {
        const found: CredentialBody[] = [];
        for await (const credential of clientFor(identity.subscriptionId).federatedIdentityCredentials.list(identity.resourceGroup, identity.name)) {
          found.push({ name: credential.name ?? '', issuer: credential.issuer ?? '', subject: credential.subject ?? '', audiences: credential.audiences ?? [] });
        }
        return found;
      } catch (error) {
        throw apiError('federatedIdentityCredentials.list', error);
      }
    },
    async putCredential(identity, credential) {
      try {
        await clientFor(identity.subscriptionId).federatedIdentityCredentials.createOrUpdate(identity.resourceGroup, identity.name, credential.name, {
          issuer: credential.issuer,
          subject: credential.subject,
          audiences: credential.audiences,
        });
      } catch (error) {
        throw apiError('federatedIdentityCredentials.createOrUpdate', error);
      }
    },
    async deleteCredential(identity, name) {
      try {
        await clientFor(identity.subscriptionId).federatedIdentityCredentials.delete(identity.resourceGroup, identity.name, name);
      } catch (error) {
        throw apiError('federatedIdentityCredentials.delete', error);
      }
    },
  };
}

interface RestErrorLike {
  statusCode?: number;
  code?: string;
  message?: string;
  response?: { headers: { get(name: string): string | undefined } };
}

/** A RestError (or a network failure) as an AzureApiError with ARM's code and the wait it asks for. */
export function apiError(operation: string, error: unknown): AzureApiError {
  const rest = (error ?? {}) as RestErrorLike & { name?: string };
  const headers = rest.response?.headers;
  // Not an HTTP failure (no token from the credential, for one): named by its error class.
  const code = rest.code ?? (rest.name === 'RestError' ? '' : (rest.name ?? ''));
  return new AzureApiError(operation, rest.statusCode ?? 0, code, firstLine(rest.message ?? String(error)), retryAfterMs(headers));
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

/** `retry-after-ms` / `x-ms-retry-after-ms` (ARM), else `Retry-After` in seconds or as an HTTP date. */
export function retryAfterMs(headers: { get(name: string): string | undefined } | undefined, now = Date.now()): number | null {
  if (!headers) return null;
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const value = Number(headers.get(name));
    if (headers.get(name) !== undefined && Number.isFinite(value) && value >= 0) return value;
  }
  const value = headers.get('retry-after');
  if (value === undefined) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
