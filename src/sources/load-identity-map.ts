/**
 * The identity map (`--identity-map FILE`, YAML or JSON): which user-assigned managed identity
 * takes over each IAM role.
 *
 *   schemaVersion: 1
 *   identities:
 *     - roleArn: arn:aws:iam::111122223333:role/orders-api
 *       name: id-orders-api                 # or resourceId: /subscriptions/.../userAssignedIdentities/id-orders-api
 *       subscriptionId: 00000000-...        # optional when resourceId is given
 *       resourceGroup: rg-identities
 *       location: westeurope                # optional
 *       clientId: 11111111-...              # optional until the identity exists
 *
 * Checked when loaded: every problem names the file, line and column.
 */
import { readFileSync } from 'node:fs';
import type { Node } from 'yaml';
import { isGuid } from '../analyzers/object-fields.js';
import { IDENTITY_NAME_PATTERN, roleNameOf } from '../azure/role-identity-name.js';
import { parseIdentityResourceId } from '../azure/parse-resource-id.js';
import type { RoleIdentityMapping } from '../planner/plan-options.js';
import { yaml } from '../yaml/yaml-library.js';

export class IdentityMapError extends Error {}

const FIELDS = ['roleArn', 'name', 'resourceId', 'subscriptionId', 'resourceGroup', 'location', 'clientId'] as const;

export function loadIdentityMap(file: string): RoleIdentityMapping[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new IdentityMapError(`${file}: cannot read the identity map (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return parseIdentityMap(text, file);
}

/** Pure: the text of an identity map to its entries, or an IdentityMapError naming the place. */
export function parseIdentityMap(text: string, file: string): RoleIdentityMapping[] {
  const lineCounter = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(text, { lineCounter, uniqueKeys: true });
  const fail = (node: unknown, message: string): never => {
    const offset = (node as Node | null | undefined)?.range?.[0] ?? 0;
    const { line, col } = lineCounter.linePos(offset);
    throw new IdentityMapError(`${file}:${line}:${col}: ${message}`);
  };
  const error = doc.errors[0];
  if (error) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    throw new IdentityMapError(`${file}:${line}:${col}: ${error.message.split('\n')[0]}`);
  }
  const root = doc.contents;
  if (!yaml().isMap(root) || doc.get('schemaVersion') !== 1) fail(root, 'expected a map with schemaVersion: 1 and an identities list');
  const list = doc.get('identities', true);
  if (!yaml().isSeq(list)) return fail(root, 'expected an identities list');

  const seen = new Map<string, number>();
  return list.items.map((item, index) => {
    if (!yaml().isMap(item)) return fail(item, `identities[${index}] must be a map`);
    const value: Partial<Record<(typeof FIELDS)[number], string>> = {};
    for (const pair of item.items) {
      const key = yaml().isScalar(pair.key) ? String(pair.key.value) : '';
      if (!(FIELDS as readonly string[]).includes(key)) fail(pair.key, `identities[${index}]: unknown field "${key}" (known: ${FIELDS.join(', ')})`);
      if (!yaml().isScalar(pair.value) || typeof pair.value.value !== 'string' || pair.value.value === '') fail(pair.value ?? pair.key, `identities[${index}].${key} must be a non-empty string`);
      value[key as (typeof FIELDS)[number]] = (pair.value as { value: string }).value.trim();
    }
    const where = (field: string) => item.items.find((pair) => yaml().isScalar(pair.key) && pair.key.value === field)?.value ?? item;
    const { roleArn, resourceId, clientId } = value;
    if (roleArn === undefined || roleNameOf(roleArn) === null) return fail(where('roleArn'), `identities[${index}].roleArn must be an IAM role ARN (arn:aws:iam::<account>:role/<name>)`);
    const earlier = seen.get(roleArn);
    if (earlier !== undefined) fail(where('roleArn'), `identities[${index}] maps ${roleArn} again (first in identities[${earlier}])`);
    seen.set(roleArn, index);
    const parsed = resourceId === undefined ? null : parseIdentityResourceId(resourceId);
    if (resourceId !== undefined && parsed === null) fail(where('resourceId'), `identities[${index}].resourceId is not the ARM id of a user-assigned identity`);
    const name = parsed?.name ?? value.name;
    if (name === undefined) return fail(item, `identities[${index}] needs a name or a resourceId`);
    if (!IDENTITY_NAME_PATTERN.test(name)) fail(where('name'), `identities[${index}].name "${name}" is not a valid identity name (3-128 letters, digits, - and _)`);
    if (clientId !== undefined && !isGuid(clientId)) fail(where('clientId'), `identities[${index}].clientId must be a GUID`);
    return {
      roleArn,
      name,
      subscriptionId: parsed?.subscriptionId ?? value.subscriptionId ?? null,
      resourceGroup: parsed?.resourceGroup ?? value.resourceGroup ?? null,
      location: value.location ?? null,
      clientId: clientId ?? null,
    };
  });
}
