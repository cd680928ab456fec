import { describe, expect, it } from 'vitest';
import { parseIdentityMap } from '../../src/sources/load-identity-map.js';
import { updateIdentityMapText } from '../../src/sources/update-identity-map.js';

const NEW = { roleArn: 'arn:aws:iam::1:role/new-role', name: 'new-role', subscriptionId: '00000000-0000-0000-0000-000000000001', resourceGroup: 'rg', location: 'westeurope', clientId: '11111111-2222-3333-4444-555555555555' };

describe('writing client ids back into the identity map', () => {
  it('YAML: sets the client id of a listed role (quoted like its siblings) and appends a new one, keeping comments and layout', () => {
    const text = '# roles\nschemaVersion: 1\nidentities:\n  # mapped\n  - roleArn: "arn:aws:iam::1:role/mapped"\n    name: id-mapped   # chosen by hand\n    resourceGroup: rg\n';
    const result = updateIdentityMapText(text, 'map.yaml', [NEW, { ...NEW, roleArn: 'arn:aws:iam::1:role/mapped', name: 'id-mapped', clientId: '99999999-2222-3333-4444-555555555555' }]);
    if (!('text' in result)) throw new Error(result.refused);
    expect(result.text).toBe(
      '# roles\nschemaVersion: 1\nidentities:\n  # mapped\n  - roleArn: "arn:aws:iam::1:role/mapped"\n    name: id-mapped   # chosen by hand\n    resourceGroup: rg\n    clientId: "99999999-2222-3333-4444-555555555555"\n' +
        '  - roleArn: arn:aws:iam::1:role/new-role\n    name: new-role\n    subscriptionId: 00000000-0000-0000-0000-000000000001\n    resourceGroup: rg\n    location: westeurope\n    clientId: 11111111-2222-3333-4444-555555555555\n',
    );
    expect(parseIdentityMap(result.text, 'map.yaml').map((entry) => entry.clientId)).toEqual(['99999999-2222-3333-4444-555555555555', NEW.clientId]);
  });

  it('JSON stays JSON with its indentation', () => {
    const text = '{\n    "schemaVersion": 1,\n    "identities": [\n        {"roleArn": "arn:aws:iam::1:role/mapped", "name": "id-mapped"}\n    ]\n}\n';
    const result = updateIdentityMapText(text, 'map.json', [NEW]);
    if (!('text' in result)) throw new Error(result.refused);
    expect(JSON.parse(result.text).identities[1]).toEqual(NEW);
    expect(result.text.startsWith('{\n    "schemaVersion": 1,\n    "identities": [\n        {"roleArn": "arn:aws:iam::1:role/mapped", "name": "id-mapped"},\n')).toBe(true);
  });

  it('a missing map is written new and reads back; an unchanged one is left alone', () => {
    const created = updateIdentityMapText(null, 'map.yaml', [NEW]);
    if (!('text' in created)) throw new Error(created.refused);
    expect(parseIdentityMap(created.text, 'map.yaml')).toEqual([{ ...NEW }]);
    expect(updateIdentityMapText(created.text, 'map.yaml', [NEW])).toEqual({ text: created.text, changed: false });
  });
});
