import { describe, expect, it } from 'vitest';
import { decodePointer, encodePointer, patchedObject, readOperations, readTarget } from '../../src/analyzers/inventory/read-json6902.js';
import { withoutPatchedBases } from '../../src/analyzers/inventory/patched-workloads.js';
import { documentKey } from '../../src/model/document.js';
import { analyzeFiles, deployment } from '../helpers/manifests.js';

const kustomization = (body: string) => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${body}`;
const roleArn = (role: string) => `- op: add\n  path: /metadata/annotations/eks.amazonaws.com~1role-arn\n  value: arn:aws:iam::111122223333:role/${role}\n`;

describe('JSON pointers (RFC 6901)', () => {
  const cases: [string, string[] | null][] = [
    ['/metadata/annotations/eks.amazonaws.com~1role-arn', ['metadata', 'annotations', 'eks.amazonaws.com/role-arn']],
    ['/metadata/annotations/a~0b', ['metadata', 'annotations', 'a~b']],
    // `~01` is `~1` (a tilde, then a one), not a slash: ~1 is decoded first.
    ['/metadata/annotations/x~01', ['metadata', 'annotations', 'x~1']],
    ['/spec/template/metadata/labels/aadpodidbinding', ['spec', 'template', 'metadata', 'labels', 'aadpodidbinding']],
    ['/spec/template/spec/containers/0/env/-', null],
    ['/spec/template/spec/containers/-', null],
    ['metadata/name', null],
  ];
  for (const [pointer, keys] of cases) {
    it(`decodes ${pointer}`, () => expect(decodePointer(pointer)).toEqual(keys));
  }
  it('encodes what it decodes', () => {
    const keys = ['metadata', 'annotations', 'azure.workload.identity/client-id', 'a~b'];
    expect(encodePointer(keys)).toBe('/metadata/annotations/azure.workload.identity~1client-id/a~0b');
    expect(decodePointer(encodePointer(keys))).toEqual(keys);
  });
});

describe('operation lists', () => {
  it('reads a list of {op, path} maps', () => {
    const operations = readOperations([{ op: 'add', path: '/metadata/labels/a', value: 'b' }, { op: 'remove', path: '/metadata/labels/c' }]);
    expect(operations).toEqual([
      { index: 0, op: 'add', path: '/metadata/labels/a', keys: ['metadata', 'labels', 'a'], hasValue: true, value: 'b' },
      { index: 1, op: 'remove', path: '/metadata/labels/c', keys: ['metadata', 'labels', 'c'], hasValue: false, value: undefined },
    ]);
  });
  const notLists: [string, unknown][] = [
    ['an empty list', []],
    ['a map', { op: 'add', path: '/a' }],
    ['a list of names', ['sa.yaml']],
    ['an item without path', [{ op: 'add', value: 1 }]],
  ];
  for (const [name, value] of notLists) it(`is not ${name}`, () => expect(readOperations(value)).toBeNull());
});

describe('targets', () => {
  it('names one object, with the apiVersion of its kind', () => {
    expect(readTarget({ kind: 'ServiceAccount', name: 'a' })).toEqual({ kind: 'ServiceAccount', name: 'a', namespace: null, apiVersion: 'v1' });
    expect(readTarget({ kind: 'Deployment', name: 'a', namespace: 'x' })).toEqual({ kind: 'Deployment', name: 'a', namespace: 'x', apiVersion: 'apps/v1' });
    expect(readTarget({ group: 'batch', version: 'v1beta1', kind: 'CronJob', name: 'a' })).toMatchObject({ apiVersion: 'batch/v1beta1' });
  });
  const unclear: [string, unknown, string][] = [
    ['no target', null, 'it has no target'],
    ['a regular expression', { kind: 'ServiceAccount', name: '(a|b)' }, 'its target name (a|b) is a regular expression'],
    ['a label selector', { kind: 'ServiceAccount', name: 'a', labelSelector: 'x=y' }, 'its target selects objects by label or annotation'],
    ['no name', { kind: 'ServiceAccount' }, 'its target names no kind and name'],
  ];
  for (const [name, value, reason] of unclear) it(`says why ${name} names no object`, () => expect(readTarget(value)).toBe(reason));
});

describe('the object a patch describes', () => {
  it('carries what add and replace set, key by key or as whole maps, and ignores the rest', () => {
    const operations = readOperations([
      { op: 'add', path: '/spec/jobTemplate/spec/template/metadata/labels', value: { app: 'settle' } },
      { op: 'add', path: '/spec/jobTemplate/spec/template/metadata/labels/aadpodidbinding', value: 'settle' },
      { op: 'replace', path: '/metadata/annotations/eks.amazonaws.com~1role-arn', value: 'arn' },
      { op: 'remove', path: '/metadata/labels/old' },
      { op: 'add', path: '/spec/jobTemplate/spec/template/spec/containers/0/env/-', value: { name: 'X' } },
    ])!;
    expect(patchedObject({ kind: 'CronJob', name: 'settle', namespace: 'pay', apiVersion: 'batch/v1' }, operations)).toEqual({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'settle', namespace: 'pay', annotations: { 'eks.amazonaws.com/role-arn': 'arn' } },
      spec: { jobTemplate: { spec: { template: { metadata: { labels: { app: 'settle', aadpodidbinding: 'settle' } } } } } },
    });
  });
});

describe('JSON 6902 patches in the inventory', () => {
  it('a patch file is an IRSA service account in the namespace of the overlay that applies it', () => {
    const { inventory } = analyzeFiles({
      'base/kustomization.yaml': kustomization('resources: [app.yaml]\n'),
      'base/app.yaml': deployment('web', 'ignored', {}).replace('namespace: ignored\n', ''),
      'prod/kustomization.yaml': kustomization('namespace: prod\nresources: [../base]\npatchesJson6902:\n  - target: {version: v1, kind: ServiceAccount, name: web}\n    path: irsa.yaml\n'),
      'prod/irsa.yaml': roleArn('web'),
    });
    expect(inventory.irsaServiceAccounts.map((account) => [account.ref, account.roleArn])).toEqual([[{ namespace: 'prod', name: 'web' }, 'arn:aws:iam::111122223333:role/web']]);
    expect(inventory.irsaServiceAccounts[0]?.doc.file).toBe('prod/irsa.yaml');
  });

  it('a target without namespace, in a kustomization without one, is in the namespace of the manifest it patches', () => {
    const account = (namespace: string) => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: exporter\n  namespace: ${namespace}\n`;
    const files = {
      'k/kustomization.yaml': kustomization('resources: [sa.yaml]\npatchesJson6902:\n  - target: {version: v1, kind: ServiceAccount, name: exporter}\n    path: irsa.yaml\n'),
      'k/sa.yaml': account('reporting'),
      'k/irsa.yaml': roleArn('exporter'),
    };
    expect(analyzeFiles(files).inventory.irsaServiceAccounts.map((entry) => entry.ref)).toEqual([{ namespace: 'reporting', name: 'exporter' }]);
    // Two such manifests in different namespaces (kustomize patches both): no guess, the default namespace as for any manifest without one (a known limit).
    const two = { ...files, 'k/sa.yaml': `${account('reporting')}---\n${account('audit')}` };
    expect(analyzeFiles(two).inventory.irsaServiceAccounts.map((entry) => entry.ref)).toEqual([{ namespace: 'default', name: 'exporter' }]);
  });

  it('the same file applied to two targets is two objects; applied twice to one target, one', () => {
    const { inventory } = analyzeFiles({
      'k/kustomization.yaml': kustomization(
        'namespace: ops\npatches:\n  - {path: irsa.yaml, target: {kind: ServiceAccount, name: a}}\n  - {path: irsa.yaml, target: {kind: ServiceAccount, name: b}}\n  - {path: irsa.yaml, target: {kind: ServiceAccount, name: b}}\n',
      ),
      'k/irsa.yaml': roleArn('shared'),
    });
    expect(inventory.serviceAccounts.map((account) => `${account.ref.namespace}/${account.ref.name}`)).toEqual(['ops/a', 'ops/b']);
    expect(new Set(inventory.serviceAccounts.map((account) => documentKey(account.doc))).size).toBe(2);
  });

  it('a pod template label from an inline patch is a workload with its selector', () => {
    const { inventory } = analyzeFiles({
      'k/kustomization.yaml': kustomization(
        'namespace: shop\npatchesJson6902:\n  - target: {group: apps, version: v1, kind: Deployment, name: cart}\n    patch: |-\n      - op: add\n        path: /spec/template/metadata/labels/aadpodidbinding\n        value: cart\n',
      ),
    });
    expect(inventory.workloads.map((workload) => [workload.ref, workload.kind, workload.podLabels])).toEqual([[{ namespace: 'shop', name: 'cart' }, 'Deployment', { aadpodidbinding: 'cart' }]]);
  });

  it('a patched workload runs under its base manifest\'s service account, and counts once with it', () => {
    const { inventory } = analyzeFiles({
      'k/kustomization.yaml': kustomization('namespace: shop\nresources: [cart.yaml]\npatchesJson6902:\n  - target: {group: apps, version: v1, kind: Deployment, name: cart}\n    path: label.yaml\n'),
      'k/cart.yaml': deployment('cart', 'ignored', {}, '      serviceAccountName: cart-sa\n').replace('  namespace: ignored\n', ''),
      'k/label.yaml': '- op: add\n  path: /spec/template/metadata/labels/aadpodidbinding\n  value: cart\n',
    });
    const patched = inventory.workloads.find((workload) => workload.doc.json6902);
    expect(patched?.serviceAccountName).toBe('cart-sa');
    expect(withoutPatchedBases(inventory.workloads)).toEqual([patched]);
  });

  it('a list of operations that no kustomization names is nothing', () => {
    const { inventory, findings } = analyzeFiles({ 'stray.yaml': roleArn('stray') });
    expect(inventory.serviceAccounts).toEqual([]);
    expect(inventory.valuesDocuments).toEqual([]);
    expect(findings).toEqual([]);
  });
});
