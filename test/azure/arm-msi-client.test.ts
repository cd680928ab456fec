/**
 * The real @azure/arm-msi client, through its real HTTP pipeline (bearer token policy, api-version,
 * paging, error deserialization), against the local HTTPS ARM of fake-arm-server.ts, driven by
 * the federate applier.
 */
import { Agent } from 'node:https';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createArmMsiClient } from '../../src/azure/arm-msi-client.js';
import { runFederation, type FederationOptions, type JournalEvent } from '../../src/azure/apply-federation.js';
import type { FederationClient } from '../../src/azure/federation-client.js';
import type { IdentityWork } from '../../src/azure/federation-targets.js';
import { FakeArm } from './fake-arm-server.js';

const SUB = '00000000-0000-0000-0000-000000000001';
const ISSUER = 'https://westeurope.oic.prod-aks.azure.com/tenant/cluster/';
const AUDIENCE = 'api://AzureADTokenExchange';

function work(name: string, subjects: string[], create: IdentityWork['create'] = null): IdentityWork {
  const resourceId = `/subscriptions/${SUB}/resourceGroups/rg-id/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`;
  return {
    key: resourceId.toLowerCase(),
    resourceId,
    address: { subscriptionId: SUB, resourceGroup: 'rg-id', name },
    create,
    credentials: subjects.map((subject) => ({ name: `wimigrate-${subject.replace(/:/g, '-')}`, issuer: ISSUER, subject: `system:serviceaccount:${subject}`, audiences: [AUDIENCE] })),
    serves: {},
  };
}

const arm = new FakeArm();
let client: FederationClient;
const journal: JournalEvent[] = [];
const slept: number[] = [];
const options = (overrides: Partial<FederationOptions> = {}): FederationOptions => ({
  apply: true,
  prune: false,
  concurrency: 4,
  retry: { maxAttempts: 6, baseDelayMs: 1, maxDelayMs: 50 },
  // Real waits, kept tiny by the policy's ceiling: the test never depends on timing.
  sleep: async (ms) => {
    slept.push(ms);
    await new Promise((resolve) => setTimeout(resolve, Math.min(ms, 20)));
  },
  journal: (event) => journal.push(event),
  log: () => {},
  ...overrides,
});

beforeAll(async () => {
  await arm.start();
  client = await createArmMsiClient({
    credential: { getToken: async () => ({ token: 'test-token', expiresOnTimestamp: Date.now() + 3_600_000 }) },
    endpoint: arm.url,
    agent: new Agent({ ca: arm.tls.cert }),
  });
});
afterAll(() => arm.stop());
beforeEach(() => {
  arm.identities.clear();
  arm.log.length = 0;
  arm.faults = {};
  arm.maxConcurrentWrites = 0;
  journal.length = 0;
  slept.length = 0;
});

describe('@azure/arm-msi against the local ARM endpoint', () => {
  it('reads an identity and creates exactly the missing credentials, one write at a time per identity', async () => {
    const existing = arm.addIdentity(SUB, 'rg-id', 'id-orders', 'westeurope', [
      { name: 'hand-made', issuer: ISSUER, subject: 'system:serviceaccount:orders:api', audiences: [AUDIENCE] },
    ]);
    arm.addIdentity(SUB, 'rg-id', 'id-billing');
    arm.faults = { delayMs: 5 };
    const subjects = Array.from({ length: 8 }, (_, index) => `billing:worker-${index}`);
    const outcomes = await runFederation(client, [work('id-orders', ['orders:api', 'orders:jobs']), work('id-billing', subjects)], options());

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['ok', 'ok']);
    expect(outcomes[0]!.identity).toMatchObject({ clientId: existing.clientId, principalId: existing.principalId, tenantId: existing.tenantId, location: 'westeurope' });
    expect(outcomes[0]!.diff!.entries.map((entry) => [entry.credential.name, entry.state, entry.detail])).toEqual([
      ['wimigrate-orders-api', 'present', 'exists as hand-made'],
      ['wimigrate-orders-jobs', 'create', null],
    ]);
    expect(outcomes[0]!.created).toEqual(['wimigrate-orders-jobs']);
    expect(outcomes[1]!.created).toHaveLength(8);
    expect(arm.identity(SUB, 'rg-id', 'id-billing')!.credentials.size).toBe(8);
    // Never two writes in flight on one identity, so the server never had to refuse one.
    expect(arm.maxConcurrentWrites).toBe(1);
    expect(arm.log.filter((entry) => entry.status === 409)).toEqual([]);
    expect(journal.filter((event) => event.outcome === 'done' && event.step === 'create-credential')).toHaveLength(9);

    // Running again writes nothing; a progress line can name each identity as its turn comes.
    arm.log.length = 0;
    const seen: string[] = [];
    const onIdentity = (name: string, done: number, total: number) => seen.push(`${done + 1}/${total} ${name}`);
    const again = await runFederation(client, [work('id-orders', ['orders:api', 'orders:jobs']), work('id-billing', subjects)], { ...options(), onIdentity });
    expect(again.flatMap((outcome) => outcome.created)).toEqual([]);
    expect(seen).toEqual(['1/2 id-orders', '2/2 id-billing']);
    expect(arm.log.filter((entry) => entry.method !== 'GET')).toEqual([]);
  });

  it('pages through credential lists with nextLink', async () => {
    const credentials = Array.from({ length: 7 }, (_, index) => ({ name: `cred-${index}`, issuer: ISSUER, subject: `system:serviceaccount:a:s${index}`, audiences: [AUDIENCE] }));
    arm.addIdentity(SUB, 'rg-id', 'id-paged', 'westeurope', credentials);
    arm.faults = { pageSize: 3 };
    expect(await client.listCredentials({ subscriptionId: SUB, resourceGroup: 'rg-id', name: 'id-paged' })).toHaveLength(7);
    expect(arm.log.filter((entry) => entry.path.endsWith('/federatedIdentityCredentials'))).toHaveLength(3);
  });

  it('retries 429 honouring Retry-After, and transient 500s with backoff', async () => {
    arm.addIdentity(SUB, 'rg-id', 'id-throttled');
    arm.faults = { throttleWrites: 2, retryAfterSeconds: 7, retryAfterMs: 30, transientErrors: 2 };
    const [outcome] = await runFederation(client, [work('id-throttled', ['a:one', 'a:two'])], options({ retry: { maxAttempts: 6, baseDelayMs: 4, maxDelayMs: 60_000 } }));
    expect(outcome!.status).toBe('ok');
    expect(outcome!.created).toEqual(['wimigrate-a-one', 'wimigrate-a-two']);
    expect(arm.log.filter((entry) => entry.status === 429)).toHaveLength(2);
    expect(arm.log.filter((entry) => entry.status === 500)).toHaveLength(2);
    // Backoff 4, 8 for the 500s; the wait ARM asked for (retry-after-ms) for the 429s.
    expect(slept).toEqual([4, 8, 30, 30]);
  });

  it('retries a 409 from a concurrent writer elsewhere with backoff', async () => {
    arm.addIdentity(SUB, 'rg-id', 'id-busy');
    arm.faults = { conflictWrites: 2 };
    const [outcome] = await runFederation(client, [work('id-busy', ['a:one'])], options({ retry: { maxAttempts: 4, baseDelayMs: 3, maxDelayMs: 60_000 } }));
    expect(outcome!.created).toEqual(['wimigrate-a-one']);
    expect(arm.log.filter((entry) => entry.status === 409)).toHaveLength(2);
    expect(slept).toEqual([3, 6]);
  });

  it('does not create a planned identity in a region without federated credentials', async () => {
    const planned = work('id-nz-new', ['a:one'], { location: 'newzealandnorth', tags: {}, roleArn: 'arn:aws:iam::1:role/nz' });
    const [outcome] = await runFederation(client, [planned], options());
    expect(outcome!.status).toBe('unsupported-location');
    expect(arm.identity(SUB, 'rg-id', 'id-nz-new')).toBeUndefined();
  });

  it('reads Retry-After in seconds when ARM gives no milliseconds', async () => {
    arm.addIdentity(SUB, 'rg-id', 'id-slow');
    arm.faults = { throttleWrites: 1, retryAfterSeconds: 2 };
    const [outcome] = await runFederation(client, [work('id-slow', ['a:one'])], options({ retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 60_000 } }));
    expect(outcome!.status).toBe('ok');
    expect(slept).toEqual([2000]);
  });

  it('reports a 403 on one identity and a missing one, and goes on with the others', async () => {
    arm.addIdentity(SUB, 'rg-id', 'id-locked');
    arm.addIdentity(SUB, 'rg-id', 'id-fine');
    arm.faults = { forbidden: ['id-locked'] };
    const outcomes = await runFederation(client, [work('id-locked', ['a:one']), work('id-gone', ['a:two']), work('id-fine', ['a:three'])], options());
    expect(outcomes[0]!.status).toBe('failed');
    expect(outcomes[0]!.error).toMatchObject({ operation: 'userAssignedIdentities.get', status: 403, code: 'AuthorizationFailed' });
    expect(outcomes[1]!.status).toBe('missing');
    expect(outcomes[2]!.created).toEqual(['wimigrate-a-three']);
  });

  it('creates a planned identity for an IAM role with its location and tags, then its credentials', async () => {
    const planned = work('orders-role', ['orders:api'], { location: 'westeurope', tags: { 'wimigrate-source-role': 'arn:aws:iam::1:role/orders', 'created-by': 'wimigrate' }, roleArn: 'arn:aws:iam::1:role/orders' });
    const [dry] = await runFederation(client, [planned], options({ apply: false }));
    expect(dry!.status).toBe('to-create');
    expect(arm.identity(SUB, 'rg-id', 'orders-role')).toBeUndefined();
    const [outcome] = await runFederation(client, [planned], options());
    const made = arm.identity(SUB, 'rg-id', 'orders-role')!;
    expect(made.tags).toEqual({ 'wimigrate-source-role': 'arn:aws:iam::1:role/orders', 'created-by': 'wimigrate' });
    expect(outcome!.createdIdentity).toBe(true);
    expect(outcome!.identity!.clientId).toBe(made.clientId);
    expect([...made.credentials.keys()]).toEqual(['wimigrate-orders-api']);
  });

  it('shows conflicts and the limit of 20 without writing them, and flags unsupported regions', async () => {
    const taken = Array.from({ length: 19 }, (_, index) => ({ name: `other-${index}`, issuer: ISSUER, subject: `system:serviceaccount:x:s${index}`, audiences: [AUDIENCE] }));
    arm.addIdentity(SUB, 'rg-id', 'id-full', 'westeurope', [...taken, { name: 'wimigrate-a-one', issuer: 'https://elsewhere/', subject: 'system:serviceaccount:a:one', audiences: [AUDIENCE] }]);
    arm.addIdentity(SUB, 'rg-id', 'id-nz', 'New Zealand North');
    const [full, nz] = await runFederation(client, [work('id-full', ['a:one', 'a:two']), work('id-nz', ['a:one'])], options());
    expect(full!.diff!.entries.map((entry) => entry.state)).toEqual(['conflict', 'over-limit']);
    expect(full!.created).toEqual([]);
    expect(nz!.status).toBe('unsupported-location');
    expect(arm.log.filter((entry) => entry.method === 'PUT')).toEqual([]);
  });

  it('the server enforces the documented rules when a caller breaks them', async () => {
    arm.addIdentity(SUB, 'rg-id', 'id-rules');
    const address = { subscriptionId: SUB, resourceGroup: 'rg-id', name: 'id-rules' };
    const attempt = (credential: { name: string; issuer: string; subject: string; audiences: string[] }) => client.putCredential(address, credential).then(() => null, (error: unknown) => error);
    expect(await attempt({ name: '-bad', issuer: ISSUER, subject: 's', audiences: [AUDIENCE] })).toMatchObject({ status: 400, message: expect.stringContaining("name '-bad' is invalid") });
    expect(await attempt({ name: 'two-audiences', issuer: ISSUER, subject: 's', audiences: [AUDIENCE, 'other'] })).toMatchObject({ status: 400, message: expect.stringContaining('exactly one audience') });
    expect(await attempt({ name: 'first', issuer: ISSUER, subject: 's', audiences: [AUDIENCE] })).toBeNull();
    expect(await attempt({ name: 'second', issuer: ISSUER, subject: 's', audiences: [AUDIENCE] })).toMatchObject({ status: 400, message: expect.stringContaining('Issuer and subject combination already exists') });
    for (let index = 1; index < 20; index++) expect(await attempt({ name: `n-${index}`, issuer: ISSUER, subject: `s${index}`, audiences: [AUDIENCE] })).toBeNull();
    expect(await attempt({ name: 'twenty-first', issuer: ISSUER, subject: 's21', audiences: [AUDIENCE] })).toMatchObject({ status: 400, message: expect.stringContaining('limit is 20') });
    // Two writes at once on one identity: one of them is refused with 409.
    const both = await Promise.all([attempt({ name: 'n-1', issuer: ISSUER, subject: 's1', audiences: [AUDIENCE] }), attempt({ name: 'n-2', issuer: ISSUER, subject: 's2', audiences: [AUDIENCE] })]);
    expect(both.filter((error) => error !== null)).toMatchObject([{ status: 409, code: 'ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity' }]);
  });
});
