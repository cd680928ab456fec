import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAksCluster, podIdentityManifests } from '../../src/sources/read-aks-cluster.js';
import { readFileSync } from 'node:fs';

const FIXTURE = path.join(import.meta.dirname, '../azure/emit-golden/mixed/aks-cluster.json');

describe('az aks show as a source of pod identities', () => {
  it('reads identities, selectors and exceptions, and the OIDC issuer', () => {
    const profile = parseAksCluster(readFileSync(FIXTURE, 'utf8'), 'aks.json');
    expect(profile).toMatchObject({ clusterName: 'aks-prod', resourceGroup: 'rg-aks', issuer: expect.stringMatching(/^https:\/\/westeurope\.oic/) });
    expect(profile.identities).toEqual([
      { name: 'orders', namespace: 'orders', bindingSelector: 'orders-api', resourceId: expect.stringContaining('/userAssignedIdentities/id-orders'), clientId: '5b0e4c1a-2d3f-4a5b-8c9d-0e1f2a3b4c5d' },
    ]);
    expect(profile.exceptions).toEqual([{ name: 'kured', namespace: 'kube-system', podLabels: { app: 'kured' } }]);
  });

  it('yields the objects AKS makes: AzureIdentity <name>, AzureIdentityBinding <name>-binding, AzurePodIdentityException', () => {
    const list = JSON.parse(podIdentityManifests(parseAksCluster(readFileSync(FIXTURE, 'utf8'), 'aks.json'), 'aks.json')) as { kind: string; items: { kind: string; metadata: { name: string; namespace: string }; spec: Record<string, unknown> }[] };
    expect(list.kind).toBe('List');
    expect(list.items.map((item) => `${item.kind} ${item.metadata.namespace}/${item.metadata.name}`)).toEqual([
      'AzureIdentity orders/orders',
      'AzureIdentityBinding orders/orders-binding',
      'AzurePodIdentityException kube-system/kured',
    ]);
    expect(list.items[1]!.spec).toEqual({ azureIdentity: 'orders', selector: 'orders-api' });
  });

  it.each([
    ['{"name": "c", "resourceGroup": "rg"', /aks\.json:1:\d+: not valid JSON/],
    ['[]', /aks\.json:1:1: expected the JSON object that `az aks show` prints/],
    ['{"name": "c", "resourceGroup": "rg"}', /aks\.json:1:1: the cluster has no podIdentityProfile/],
    ['{\n  "name": "c",\n  "resourceGroup": "rg",\n  "podIdentityProfile": {\n    "userAssignedIdentities": [\n      {"name": "x", "namespace": "ns"}\n    ]\n  }\n}', /aks\.json:6:7: podIdentityProfile\.userAssignedIdentities\[0\]\.identity must be an object/],
    ['{\n  "name": "c",\n  "resourceGroup": "rg",\n  "podIdentityProfile": {"userAssignedIdentities": [{"name": "x", "namespace": 3, "identity": {"resourceId": "r"}}]}\n}', /aks\.json:4:\d+: podIdentityProfile\.userAssignedIdentities\[0\]\.namespace must be a non-empty string/],
  ])('bad input names the file, line and column: %s', (text, message) => {
    expect(() => parseAksCluster(text, 'aks.json')).toThrow(message);
  });
});
