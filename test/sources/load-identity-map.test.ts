import { describe, expect, it } from 'vitest';
import { IdentityMapError, parseIdentityMap } from '../../src/sources/load-identity-map.js';

const SUB = '2f6b7a10-4c1e-4d2a-9b3c-5e6f7a8b9c0d';
const ROLE = 'arn:aws:iam::111122223333:role/orders-api';

describe('the identity map', () => {
  it('reads entries by name or by resource id, YAML or JSON', () => {
    const yamlMap = `schemaVersion: 1
identities:
  - roleArn: ${ROLE}
    resourceId: /subscriptions/${SUB}/resourcegroups/rg-orders/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-orders
    clientId: 3c9d2e41-7a5b-4f60-8e1d-2b3c4d5e6f70
  - roleArn: arn:aws:iam::111122223333:role/reports
    name: id-reports
    resourceGroup: rg-reports
    location: westeurope
`;
    expect(parseIdentityMap(yamlMap, 'map.yaml')).toEqual([
      { roleArn: ROLE, name: 'id-orders', subscriptionId: SUB, resourceGroup: 'rg-orders', location: null, clientId: '3c9d2e41-7a5b-4f60-8e1d-2b3c4d5e6f70' },
      { roleArn: 'arn:aws:iam::111122223333:role/reports', name: 'id-reports', subscriptionId: null, resourceGroup: 'rg-reports', location: 'westeurope', clientId: null },
    ]);
    const json = JSON.stringify({ schemaVersion: 1, identities: [{ roleArn: ROLE, name: 'id-orders' }] }, null, 2);
    expect(parseIdentityMap(json, 'map.json')).toHaveLength(1);
  });

  it.each([
    ['identities: []', 'map.yaml:1:1: expected a map with schemaVersion: 1'],
    ['schemaVersion: 1\nidentities: {}', 'map.yaml:1:1: expected an identities list'],
    ['schemaVersion: 1\nidentities:\n  - roleArn: [a]', 'map.yaml:3:14: identities[0].roleArn must be a non-empty string'],
    ['schemaVersion: 1\nidentities:\n  - roleArn: arn:aws:iam::1:user/x\n    name: id-x', 'map.yaml:3:14: identities[0].roleArn must be an IAM role ARN'],
    [`schemaVersion: 1\nidentities:\n  - roleArn: ${ROLE}`, 'map.yaml:3:5: identities[0] needs a name or a resourceId'],
    [`schemaVersion: 1\nidentities:\n  - roleArn: ${ROLE}\n    name: x`, 'map.yaml:4:11: identities[0].name "x" is not a valid identity name'],
    [`schemaVersion: 1\nidentities:\n  - roleArn: ${ROLE}\n    name: id-x\n    clientId: nope`, 'map.yaml:5:15: identities[0].clientId must be a GUID'],
    [`schemaVersion: 1\nidentities:\n  - roleArn: ${ROLE}\n    resourceId: /subscriptions/x/resourceGroups/y`, 'map.yaml:4:17: identities[0].resourceId is not the ARM id of a user-assigned identity'],
    [`schemaVersion: 1\nidentities:\n  - roleArn: ${ROLE}\n    name: id-a\n  - roleArn: ${ROLE}\n    name: id-b`, `map.yaml:5:14: identities[1] maps ${ROLE} again (first in identities[0])`],
    ['schemaVersion: 1\nidentities:\n  - roleArn: a\n    roleArn: b', 'map.yaml:4:5: Map keys must be unique'],
    ['schemaVersion: 1\nidentities: [\n', 'map.yaml:3:1:'],
  ])('%j is refused with its line', (text, message) => {
    expect(() => parseIdentityMap(text, 'map.yaml')).toThrow(IdentityMapError);
    expect(() => parseIdentityMap(text, 'map.yaml')).toThrow(message);
  });
});
