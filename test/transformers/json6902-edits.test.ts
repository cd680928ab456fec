import { describe, expect, it } from 'vitest';
import { patchedObject, readOperations, readTarget } from '../../src/analyzers/inventory/read-json6902.js';
import type { ManifestDocument } from '../../src/model/document.js';
import { operationListEdits } from '../../src/transformers/json6902-edits.js';
import type { YamlEdit } from '../../src/yaml/index.js';

/** The object a patch of `kind` describes, as collect-inventory builds it (positions do not matter here). */
function patchDoc(kind: string, operations: unknown[]): ManifestDocument {
  const target = readTarget({ kind, name: 'x' });
  if (typeof target === 'string') throw new Error(target);
  const read = readOperations(operations)!;
  const location = { file: 'p.yaml', line: 1, col: 1 };
  const kustomization = { file: 'kustomization.yaml', docIndex: 0, pathPrefix: [], format: 'yaml' as const, object: {}, location, locate: () => location };
  return { file: 'p.yaml', docIndex: 3, pathPrefix: [], format: 'yaml', object: patchedObject(target, read), location, locate: () => location, json6902: { target: `${kind}//x`, operations: read, kustomization } };
}

const set = (path: string[], value: string): YamlEdit => ({ op: 'set', docIndex: 3, path, value });
const del = (path: string[]): YamlEdit => ({ op: 'delete', docIndex: 3, path, pruneEmptyParents: true });
const ROLE = ['metadata', 'annotations', 'eks.amazonaws.com/role-arn'];
const CLIENT = ['metadata', 'annotations', 'azure.workload.identity/client-id'];
const roleOp = { op: 'add', path: '/metadata/annotations/eks.amazonaws.com~1role-arn', value: 'arn' };

describe('object edits become operation list edits', () => {
  it('a key the patch sets gets its value where it is set', () => {
    const doc = patchDoc('ServiceAccount', [roleOp, { op: 'replace', path: '/metadata/annotations/azure.workload.identity~1client-id', value: 'old' }]);
    expect(operationListEdits(doc, [set(CLIENT, 'new')])).toEqual([{ op: 'set', docIndex: 3, path: [1, 'value'], value: 'new' }]);
  });

  it('a new key beside keys added one by one is a new add operation, once', () => {
    const doc = patchDoc('ServiceAccount', [roleOp]);
    expect(operationListEdits(doc, [set(CLIENT, 'id'), set(CLIENT, 'id')])).toEqual([
      { op: 'append', docIndex: 3, path: [], value: { op: 'add', path: '/metadata/annotations/azure.workload.identity~1client-id', value: 'id' } },
    ]);
  });

  it('a new key goes into the map an operation adds, unless later operations add keys to it one by one or it is empty', () => {
    const whole = patchDoc('ServiceAccount', [{ op: 'add', path: '/metadata/annotations', value: { 'eks.amazonaws.com/role-arn': 'arn' } }]);
    expect(operationListEdits(whole, [set(CLIENT, 'id')])).toEqual([{ op: 'set', docIndex: 3, path: [0, 'value', 'azure.workload.identity/client-id'], value: 'id' }]);
    const thenOneByOne = patchDoc('ServiceAccount', [{ op: 'add', path: '/metadata/annotations', value: { team: 'a' } }, roleOp]);
    expect(operationListEdits(thenOneByOne, [set(CLIENT, 'id')])[0]).toMatchObject({ op: 'append' });
    const empty = patchDoc('ServiceAccount', [{ op: 'add', path: '/metadata/annotations', value: {} }, roleOp]);
    expect(operationListEdits(empty, [set(CLIENT, 'id')])[0]).toMatchObject({ op: 'append' });
  });

  it('a new key under a parent that the patch does not show is refused; a pod template spec always exists', () => {
    const doc = patchDoc('Deployment', [{ op: 'add', path: '/spec/template/metadata/labels/aadpodidbinding', value: 'shop' }]);
    const [annotation] = operationListEdits(doc, [set(['spec', 'template', 'metadata', 'annotations', 'azure.workload.identity/inject-proxy-sidecar'], 'true')]);
    expect(annotation).toMatchObject({ op: 'refuse', reason: expect.stringContaining('needs /spec/template/metadata/annotations on the target') });
    expect(operationListEdits(doc, [set(['spec', 'template', 'spec', 'serviceAccountName'], 'shop-wi')])).toEqual([
      { op: 'append', docIndex: 3, path: [], value: { op: 'add', path: '/spec/template/spec/serviceAccountName', value: 'shop-wi' } },
    ]);
  });

  it('a new key may go into a map the patched manifest has, unless an operation removes it', () => {
    const SKIP = ['spec', 'template', 'metadata', 'annotations', 'azure.workload.identity/skip-containers'];
    const base = { kind: 'Deployment', spec: { template: { metadata: { annotations: { team: 'a' } } } } };
    const onBase = patchDoc('Deployment', [{ op: 'add', path: '/spec/template/metadata/labels/aadpodidbinding', value: 'x' }]);
    expect(operationListEdits(onBase, [set(SKIP, 'a;b')])[0]).toMatchObject({ op: 'refuse' });
    onBase.json6902!.base = base;
    expect(operationListEdits(onBase, [set(SKIP, 'a;b')])[0]).toMatchObject({ op: 'append' });
    const removed = patchDoc('Deployment', [{ op: 'add', path: '/spec/template/metadata/labels/aadpodidbinding', value: 'x' }, { op: 'remove', path: '/spec/template/metadata/annotations' }]);
    removed.json6902!.base = base;
    expect(operationListEdits(removed, [set(SKIP, 'a;b')])[0]).toMatchObject({ op: 'refuse' });
    // An operation that sets the whole metadata takes the key inside its value instead.
    const whole = patchDoc('Deployment', [{ op: 'add', path: '/spec/template/metadata', value: { labels: { aadpodidbinding: 'x' } } }]);
    expect(operationListEdits(whole, [set(SKIP, 'a;b')])).toEqual([{ op: 'set', docIndex: 3, path: [0, 'value', 'annotations', 'azure.workload.identity/skip-containers'], value: 'a;b' }]);
  });

  it('a removed key takes its operations with it, from the end of the list', () => {
    const doc = patchDoc('ServiceAccount', [roleOp, { op: 'add', path: '/metadata/annotations/azure.workload.identity~1client-id', value: 'id' }, { ...roleOp, op: 'replace' }, { op: 'add', path: '/metadata/annotations/eks.amazonaws.com~1audience', value: 'sts.amazonaws.com' }]);
    expect(operationListEdits(doc, [del(ROLE), del(['metadata', 'annotations', 'eks.amazonaws.com/audience'])])).toEqual([
      { op: 'delete', docIndex: 3, path: [3], pruneEmptyParents: false },
      { op: 'delete', docIndex: 3, path: [2], pruneEmptyParents: false },
      { op: 'delete', docIndex: 3, path: [0], pruneEmptyParents: false },
    ]);
  });

  it('a key removed from a map an operation adds: the key, or the operation when it was the only one and nothing else goes in', () => {
    const two = patchDoc('ServiceAccount', [{ op: 'add', path: '/metadata/annotations', value: { 'eks.amazonaws.com/role-arn': 'arn', team: 'a' } }]);
    expect(operationListEdits(two, [del(ROLE)])).toEqual([{ op: 'delete', docIndex: 3, path: [0, 'value', 'eks.amazonaws.com/role-arn'], pruneEmptyParents: false }]);
    const only = patchDoc('ServiceAccount', [{ op: 'add', path: '/metadata/annotations', value: { 'eks.amazonaws.com/role-arn': 'arn' } }]);
    expect(operationListEdits(only, [del(ROLE)])).toEqual([{ op: 'delete', docIndex: 3, path: [0], pruneEmptyParents: false }]);
    expect(operationListEdits(only, [set(CLIENT, 'id'), del(ROLE)])).toEqual([
      { op: 'set', docIndex: 3, path: [0, 'value', 'azure.workload.identity/client-id'], value: 'id' },
      { op: 'delete', docIndex: 3, path: [0, 'value', 'eks.amazonaws.com/role-arn'], pruneEmptyParents: false },
    ]);
  });

  it('a new document beside the patch, or its deletion, is refused', () => {
    const doc = patchDoc('ServiceAccount', [roleOp]);
    expect(operationListEdits(doc, [{ op: 'insert-document-after', docIndex: 3, value: { kind: 'ServiceAccount' } }])).toEqual([
      { op: 'refuse', docIndex: 3, path: [], reason: expect.stringContaining('a JSON 6902 patch file holds operations only') },
    ]);
    expect(operationListEdits(doc, [{ op: 'delete-document', docIndex: 3 }])[0]).toMatchObject({ op: 'refuse', reason: expect.stringContaining('remove this JSON 6902 patch from its kustomization by hand') });
  });
});
