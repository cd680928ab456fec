/**
 * A local HTTPS Azure Resource Manager for user-assigned identities and their federated identity
 * credentials, with ARM's URL shapes, `api-version`, bearer auth and error bodies
 * (`{error: {code, message}}`), and the documented behaviour (DESIGN §6,
 * https://learn.microsoft.com/entra/workload-id/workload-identity-federation-considerations#errors):
 * the name pattern, exactly one audience, unique issuer + subject per identity, at most 20 per
 * identity, 409 on concurrent writes to one identity, 404 for a missing identity, 403 where the
 * caller has no rights, 429 with Retry-After, transient 500s and slow answers on demand.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';

export interface FakeCredential {
  name: string;
  issuer: string;
  subject: string;
  audiences: string[];
}

export interface FakeIdentity {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  tags: Record<string, string>;
  clientId: string;
  principalId: string;
  tenantId: string;
  credentials: Map<string, FakeCredential>;
}

export interface Faults {
  /** Every request waits this long before it is handled (slow answers; widens write overlaps). */
  delayMs?: number;
  /** These many of the next writes (PUT, DELETE) answer 429 with Retry-After. */
  throttleWrites?: number;
  /** Seconds in Retry-After, and milliseconds in retry-after-ms. */
  retryAfterSeconds?: number;
  retryAfterMs?: number;
  /** These many of the next writes answer 409 as if another client were writing to the identity. */
  conflictWrites?: number;
  /** These many of the next requests answer 500. */
  transientErrors?: number;
  /** Identity names (lower case) whose every request answers 403. */
  forbidden?: string[];
  /** After this many credential writes (counted from `admittedWrites = 0`), further writes hang until `release()`. */
  holdAfterWrites?: number;
  /** Page size of credential lists (nextLink paging). */
  pageSize?: number;
}

export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
}

const API_VERSION = '2024-11-30';
const NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,119}$/;
const IDENTITY_PATH = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\/([^/]+)(\/federatedIdentityCredentials(?:\/([^/]+))?)?$/i;
export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

/** A self-signed certificate for 127.0.0.1 and localhost, made with openssl for this test run. */
export function makeCertificate(): { key: string; cert: string; certFile: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wimigrate-arm-'));
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
  return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8'), certFile };
}

export class FakeArm {
  readonly identities = new Map<string, FakeIdentity>();
  readonly log: LoggedRequest[] = [];
  faults: Faults = {};
  /** Highest number of writes seen in flight at once on one identity. */
  maxConcurrentWrites = 0;
  successfulWrites = 0;
  admittedWrites = 0;
  private readonly inFlight = new Map<string, number>();
  private held: (() => void)[] = [];
  private server: Server | null = null;
  url = '';
  readonly tls = makeCertificate();

  async start(): Promise<string> {
    this.server = createServer({ key: this.tls.key, cert: this.tls.cert }, (request, response) => {
      void this.handle(request, response);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.url = `https://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.release();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** Lets writes held by `holdAfterWrites` go on (they answer 500: their caller is gone or retries). */
  release(): void {
    this.faults.holdAfterWrites = undefined;
    for (const resume of this.held.splice(0)) resume();
  }

  heldWrites(): number {
    return this.held.length;
  }

  addIdentity(subscriptionId: string, resourceGroup: string, name: string, location = 'westeurope', credentials: FakeCredential[] = []): FakeIdentity {
    const identity: FakeIdentity = {
      subscriptionId,
      resourceGroup,
      name,
      location,
      tags: {},
      clientId: randomUUID(),
      principalId: randomUUID(),
      tenantId: TENANT,
      credentials: new Map(credentials.map((credential) => [credential.name.toLowerCase(), credential])),
    };
    this.identities.set(this.keyOf(subscriptionId, resourceGroup, name), identity);
    return identity;
  }

  identity(subscriptionId: string, resourceGroup: string, name: string): FakeIdentity | undefined {
    return this.identities.get(this.keyOf(subscriptionId, resourceGroup, name));
  }

  private keyOf(subscriptionId: string, resourceGroup: string, name: string): string {
    return `${subscriptionId}/${resourceGroup}/${name}`.toLowerCase();
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const url = new URL(request.url ?? '/', 'https://localhost');
    const method = request.method ?? 'GET';
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      this.log.push({ method, path: url.pathname, status });
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-ms-request-id': randomUUID(), ...headers });
      response.end(payload === undefined ? undefined : JSON.stringify(payload));
    };
    const fail = (status: number, code: string, message: string, headers: Record<string, string> = {}) => send(status, { error: { code, message } }, headers);

    if (this.faults.delayMs) await sleep(this.faults.delayMs);
    if (!/^Bearer \S+/.test(request.headers.authorization ?? '')) return fail(401, 'AuthenticationFailed', 'Authentication failed. The Authorization header is missing.');
    const apiVersion = url.searchParams.get('api-version');
    if (!apiVersion) return fail(400, 'MissingApiVersionParameter', "The api-version query parameter (?api-version=) is required for all requests.");
    if (apiVersion !== API_VERSION) return fail(400, 'InvalidApiVersionParameter', `The api-version '${apiVersion}' is invalid. The supported versions are '${API_VERSION}'.`);
    const match = IDENTITY_PATH.exec(url.pathname);
    if (!match) return fail(404, 'InvalidResourceType', `The resource type could not be found for ${url.pathname}.`);
    const [, subscriptionId, resourceGroup, name, credentialsSegment, credentialName] = match as unknown as [string, string, string, string, string | undefined, string | undefined];
    if (this.faults.forbidden?.includes(name.toLowerCase())) {
      return fail(403, 'AuthorizationFailed', `The client does not have authorization to perform action 'Microsoft.ManagedIdentity/userAssignedIdentities/read' over scope '${url.pathname}'.`);
    }
    if (this.faults.transientErrors) {
      this.faults.transientErrors--;
      return fail(500, 'InternalServerError', 'Encountered internal server error. Please try again.');
    }
    const isWrite = method === 'PUT' || method === 'DELETE';
    if (isWrite && this.faults.throttleWrites) {
      this.faults.throttleWrites--;
      const headers: Record<string, string> = { 'retry-after': String(this.faults.retryAfterSeconds ?? 1) };
      if (this.faults.retryAfterMs !== undefined) headers['retry-after-ms'] = String(this.faults.retryAfterMs);
      return fail(429, 'TooManyRequests', 'The request is being throttled.', headers);
    }
    const key = this.keyOf(subscriptionId, resourceGroup, name);
    const identity = this.identities.get(key);

    if (!credentialsSegment) {
      if (method === 'GET') {
        if (!identity) return fail(404, 'ResourceNotFound', `The Resource 'Microsoft.ManagedIdentity/userAssignedIdentities/${name}' under resource group '${resourceGroup}' was not found.`);
        return send(200, identityBody(identity));
      }
      if (method === 'PUT') {
        const parsed = parseJson(body) as { location?: string; tags?: Record<string, string> } | null;
        if (!parsed?.location) return fail(400, 'LocationRequired', 'The location property is required for this definition.');
        const created = identity ?? this.addIdentity(subscriptionId, resourceGroup, name, parsed.location);
        created.tags = parsed.tags ?? {};
        return send(identity ? 200 : 201, identityBody(created));
      }
      return fail(405, 'MethodNotAllowed', `${method} is not supported.`);
    }

    if (!identity) return fail(404, 'ParentResourceNotFound', `Can not perform requested operation on nested resource. Parent resource '${name}' not found.`);
    if (!credentialName) {
      if (method !== 'GET') return fail(405, 'MethodNotAllowed', `${method} is not supported.`);
      const all = [...identity.credentials.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
      const skip = Number(url.searchParams.get('$skipToken') ?? '0');
      const size = this.faults.pageSize ?? 100;
      const page = all.slice(skip, skip + size);
      const next = skip + size < all.length ? `${this.url}${url.pathname}?api-version=${API_VERSION}&$skipToken=${skip + size}` : undefined;
      return send(200, { value: page.map((credential) => credentialBody(identity, credential)), ...(next ? { nextLink: next } : {}) });
    }

    if (method === 'GET') {
      const found = identity.credentials.get(credentialName.toLowerCase());
      if (!found) return fail(404, 'NotFound', `Federated identity credential '${credentialName}' was not found.`);
      return send(200, credentialBody(identity, found));
    }
    if (!isWrite) return fail(405, 'MethodNotAllowed', `${method} is not supported.`);

    // Concurrent writes to one identity are refused (DESIGN §6): a write that starts while another is in flight gets 409.
    const running = this.inFlight.get(key) ?? 0;
    if (running > 0 || this.faults.conflictWrites) {
      if (running === 0) this.faults.conflictWrites!--;
      this.maxConcurrentWrites = Math.max(this.maxConcurrentWrites, running + 1);
      return fail(409, 'ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity', 'Too many Federated Identity Credentials are written concurrently for the managed identity. Please try again.');
    }
    this.inFlight.set(key, 1);
    this.maxConcurrentWrites = Math.max(this.maxConcurrentWrites, 1);
    try {
      // Counted when admitted, so writes on two identities at once cannot both slip past the bound.
      if (this.faults.holdAfterWrites !== undefined && this.admittedWrites >= this.faults.holdAfterWrites) {
        await new Promise<void>((resolve) => this.held.push(resolve));
        return fail(500, 'InternalServerError', 'The request was interrupted.');
      }
      this.admittedWrites++;
      // Writes take a moment, as on ARM: a second write meanwhile is a concurrent one.
      await sleep(5);
      if (method === 'DELETE') {
        const existed = identity.credentials.delete(credentialName.toLowerCase());
        this.successfulWrites++;
        return send(existed ? 200 : 204, undefined);
      }
      const parsed = parseJson(body) as { properties?: { issuer?: unknown; subject?: unknown; audiences?: unknown } } | null;
      const properties = parsed?.properties;
      if (!NAME_PATTERN.test(credentialName)) return fail(400, 'BadRequest', `Federated Identity Credential name '${credentialName}' is invalid.`);
      if (!properties || typeof properties.issuer !== 'string' || typeof properties.subject !== 'string' || !Array.isArray(properties.audiences)) {
        return fail(400, 'BadRequest', 'Federated Identity Credential from HTTP body has empty properties');
      }
      if (properties.audiences.length !== 1) return fail(400, 'BadRequest', 'Federated identity credentials must have exactly one audience.');
      if (!properties.issuer.startsWith('https://') || properties.issuer.length > 600 || properties.subject.length > 600) {
        return fail(400, 'BadRequest', 'Issuer must be an https URL; issuer and subject must be at most 600 characters.');
      }
      const credential: FakeCredential = { name: credentialName, issuer: properties.issuer, subject: properties.subject, audiences: properties.audiences as string[] };
      const existing = identity.credentials.get(credentialName.toLowerCase());
      const clash = [...identity.credentials.values()].find((other) => other.name.toLowerCase() !== credentialName.toLowerCase() && other.issuer === credential.issuer && other.subject === credential.subject);
      if (clash) return fail(400, 'BadRequest', 'Issuer and subject combination already exists for this Managed Identity.');
      if (!existing && identity.credentials.size >= 20) return fail(400, 'BadRequest', 'Too many Federated Identity Credentials. The limit is 20 per managed identity.');
      identity.credentials.set(credentialName.toLowerCase(), credential);
      this.successfulWrites++;
      return send(existing ? 200 : 201, credentialBody(identity, credential));
    } finally {
      this.inFlight.set(key, 0);
    }
  }
}

function identityBody(identity: FakeIdentity) {
  return {
    id: `/subscriptions/${identity.subscriptionId}/resourcegroups/${identity.resourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${identity.name}`,
    name: identity.name,
    type: 'Microsoft.ManagedIdentity/userAssignedIdentities',
    location: identity.location,
    tags: identity.tags,
    properties: { tenantId: identity.tenantId, principalId: identity.principalId, clientId: identity.clientId },
  };
}

function credentialBody(identity: FakeIdentity, credential: FakeCredential) {
  return {
    id: `/subscriptions/${identity.subscriptionId}/resourcegroups/${identity.resourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${identity.name}/federatedIdentityCredentials/${credential.name}`,
    name: credential.name,
    type: 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials',
    properties: { issuer: credential.issuer, subject: credential.subject, audiences: credential.audiences },
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', () => resolve(''));
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
