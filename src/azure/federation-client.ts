/**
 * What the federate applier needs from Azure Resource Manager, as an interface so the applier
 * stays pure and testable; arm-msi-client.ts implements it over @azure/arm-msi.
 */

export interface IdentityAddress {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

export interface ExistingIdentity {
  id: string;
  location: string;
  clientId: string;
  principalId: string;
  tenantId: string;
}

export interface CredentialBody {
  name: string;
  issuer: string;
  subject: string;
  audiences: string[];
}

export interface FederationClient {
  /** Null when the identity does not exist (404). */
  getIdentity(identity: IdentityAddress): Promise<ExistingIdentity | null>;
  createIdentity(identity: IdentityAddress, location: string, tags: Record<string, string>): Promise<ExistingIdentity>;
  listCredentials(identity: IdentityAddress): Promise<CredentialBody[]>;
  putCredential(identity: IdentityAddress, credential: CredentialBody): Promise<void>;
  deleteCredential(identity: IdentityAddress, name: string): Promise<void>;
}

/**
 * An ARM call that failed: the operation (`federatedIdentityCredentials.createOrUpdate`), the
 * HTTP status (0 when no answer came), ARM's error code and message, and how long the service
 * asked to wait (Retry-After), in milliseconds.
 */
export class AzureApiError extends Error {
  constructor(
    readonly operation: string,
    readonly status: number,
    readonly code: string,
    /** ARM's own message. */
    readonly detail: string,
    readonly retryAfterMs: number | null = null,
  ) {
    super(`${operation}: ${status === 0 ? 'no answer' : `HTTP ${status}`}${code ? ` ${code}` : ''}: ${detail}`);
  }
}
