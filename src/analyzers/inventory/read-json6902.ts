/**
 * JSON 6902 patches of a kustomization (https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/patchesjson6902/,
 * https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/patches/), inline
 * (`patch: |`) or in a file named by `patchesJson6902[].path` or `patches[].path`: a list of
 * operations (RFC 6902) applied to the object its `target` names. The `add` and `replace`
 * operations are read as the partial object they produce on that target (kind, name, namespace),
 * so the analyzers see a ServiceAccount with `eks.amazonaws.com/role-arn` or a pod template with
 * `aadpodidbinding`, as for a strategic-merge patch; edits on that object become edits of the
 * operation list (src/transformers/json6902-edits.ts). Paths are JSON pointers (RFC 6901): the
 * annotation key `eks.amazonaws.com/role-arn` is spelled `eks.amazonaws.com~1role-arn`.
 */
import jsyaml from 'js-yaml';
import type { Json6902Operation, KubeObject, ManifestDocument, NodePath } from '../../model/document.js';
import type { Json6902PatchEntry, KustomizationEntry } from '../../model/inventory.js';
import { asFields, stringOf, type Fields } from '../object-fields.js';
import { posixFile } from './posix-file.js';

/** Settings a patch may carry that wimigrate migrates. */
const IDENTITY_SETTING = /aadpodidbinding|eks\.amazonaws\.com(?:\/|~1)[a-z-]+/i;
/** A name kustomize's target matches literally (it reads `name` as an anchored regular expression). */
const PLAIN_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
/** Pod identity / IRSA kinds: the core group's kinds have version v1 and no group. */
const CORE_KINDS = new Set(['ServiceAccount', 'Pod', 'PodTemplate', 'ReplicationController']);
const APPS_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);
const BATCH_KINDS = new Set(['Job', 'CronJob']);

/** RFC 6901: `~1` is `/`, then `~0` is `~`. Null when the pointer addresses a list item or is not a pointer. */
export function decodePointer(pointer: string): string[] | null {
  if (!pointer.startsWith('/')) return null;
  const keys = pointer
    .slice(1)
    .split('/')
    .map((key) => key.replaceAll('~1', '/').replaceAll('~0', '~'));
  return keys.some((key) => key === '-' || /^\d+$/.test(key)) ? null : keys;
}

export function encodePointer(keys: readonly string[]): string {
  return keys.map((key) => `/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

/** The operations of a JSON 6902 patch; null when the value is not a list of `{op, path}` maps. */
export function readOperations(value: unknown): Json6902Operation[] | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  const operations: Json6902Operation[] = [];
  for (const [index, item] of value.entries()) {
    const fields = asFields(item);
    const op = stringOf(fields?.op ?? null);
    const path = stringOf(fields?.path ?? null);
    if (!fields || op === null || path === null) return null;
    operations.push({ index, op, path, keys: decodePointer(path), hasValue: 'value' in fields, value: fields.value });
  }
  return operations;
}

/** The operations an inline patch string holds; null for anything else (a strategic-merge patch). */
export function operationsInString(text: string): Json6902Operation[] | null {
  if (text.includes('{{')) return null;
  try {
    return readOperations(jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA }));
  } catch {
    return null;
  }
}

interface Target {
  kind: string;
  name: string;
  namespace: string | null;
  apiVersion: string;
}

/** The one object a `target` names, or why it names none for sure (a credential needs the real name). */
export function readTarget(value: unknown): Target | string {
  const target = asFields(value);
  if (!target) return 'it has no target';
  if (target.labelSelector !== undefined || target.annotationSelector !== undefined) return 'its target selects objects by label or annotation';
  const kind = stringOf(target.kind ?? null);
  const name = stringOf(target.name ?? null);
  if (kind === null || name === null) return 'its target names no kind and name';
  if (!PLAIN_NAME.test(name)) return `its target name ${name} is a regular expression`;
  const group = stringOf(target.group ?? null);
  const version = stringOf(target.version ?? null);
  return { kind, name, namespace: stringOf(target.namespace ?? null), apiVersion: apiVersionOf(kind, group, version) };
}

function apiVersionOf(kind: string, group: string | null, version: string | null): string {
  if (group) return `${group}/${version ?? 'v1'}`;
  if (version && CORE_KINDS.has(kind)) return version;
  if (APPS_KINDS.has(kind)) return `apps/${version ?? 'v1'}`;
  if (BATCH_KINDS.has(kind)) return `batch/${version ?? 'v1'}`;
  return version ?? 'v1';
}

/** What the `add` and `replace` operations set on the target, as a partial object. */
export function patchedObject(target: Target, operations: readonly Json6902Operation[]): KubeObject {
  const metadata: Fields = { name: target.name };
  if (target.namespace !== null) metadata.namespace = target.namespace;
  const object: Fields = { apiVersion: target.apiVersion, kind: target.kind, metadata };
  for (const operation of operations) {
    if (!isSetting(operation) || operation.keys === null || operation.keys.length === 0) continue;
    let node = object;
    for (const key of operation.keys.slice(0, -1)) {
      const next = asFields(node[key]) ?? {};
      node[key] = next;
      node = next;
    }
    node[operation.keys[operation.keys.length - 1]!] = structuredClone(operation.value);
  }
  return object;
}

export function isSetting(operation: Json6902Operation): boolean {
  return (operation.op === 'add' || operation.op === 'replace') && operation.hasValue;
}

/** The identity setting an operation touches (path or value), for the report. */
function identitySettingOf(operation: Json6902Operation): string | null {
  const inPath = IDENTITY_SETTING.exec(operation.path)?.[0];
  if (inPath) return inPath.replace('~1', '/');
  const inValue = IDENTITY_SETTING.exec(JSON.stringify(operation.value ?? null))?.[0];
  return inValue ?? null;
}

/** An operation on an identity setting that the object above does not carry (a list item, `move`, `copy`). */
function unreadable(operation: Json6902Operation): boolean {
  if (operation.op === 'remove' || operation.op === 'test') return false;
  return !isSetting(operation) || operation.keys === null;
}

export interface Json6902Source {
  /** The kustomization entry: `patches.2` or `patchesJson6902.0`. */
  path: NodePath;
  target: unknown;
  operations: Json6902Operation[];
  /** The document whose value is the operation list (a patch file), or the string it is written in. */
  list: { doc: ManifestDocument } | { text: string; stringPath: NodePath };
}

/**
 * A patch read against its target: the object it describes (null when the target is not one
 * named object), and what a person must handle by hand.
 */
export function readJson6902Patch(kustomization: KustomizationEntry, source: Json6902Source): Json6902PatchEntry {
  // What the patch sets: an operation that removes a setting or tests it needs no migration.
  const settings = [...new Set(source.operations.flatMap((operation) => (operation.op === 'remove' || operation.op === 'test' ? [] : identitySettingOf(operation) ?? [])))];
  const unread = source.operations.filter((operation) => unreadable(operation) && identitySettingOf(operation) !== null);
  const target = readTarget(source.target);
  const base = { kustomization, path: source.path, settings };
  const location = 'doc' in source.list ? source.list.doc.location : kustomization.doc.locate(source.list.stringPath);
  if (typeof target === 'string') return { ...base, doc: null, location, problem: target };
  const problem = unread.length > 0 ? `operation ${unread.map((operation) => `${operation.op} ${operation.path}`).join(', ')} is not read` : null;
  return { ...base, doc: targetDocument(kustomization, source, target), location, problem };
}

function targetDocument(kustomization: KustomizationEntry, source: Json6902Source, target: Target): ManifestDocument {
  const object = patchedObject(target, source.operations);
  const json6902 = { target: `${target.kind}/${target.namespace ?? ''}/${target.name}`, operations: source.operations, kustomization: kustomization.doc };
  const list = source.list;
  if ('doc' in list) {
    const listDoc = list.doc;
    // Positions are those of the operation that sets the node (or a node under or above it).
    const locate = (path: NodePath) => {
      const operation = operationAt(source.operations, path);
      return operation ? listDoc.locate([operation.index]) : listDoc.location;
    };
    return { file: listDoc.file, docIndex: listDoc.docIndex, pathPrefix: listDoc.pathPrefix, format: listDoc.format, object, get location() { return listDoc.location; }, locate, json6902 };
  }
  // Inline: positions are the string's key, edits go through the string (as for inline strategic-merge patches).
  const outer = kustomization.doc;
  const locate = () => outer.locate(list.stringPath);
  return { file: outer.file, docIndex: outer.docIndex, pathPrefix: [], format: 'yaml', object, location: locate(), locate, embeddedIn: { doc: outer, path: list.stringPath, text: list.text }, json6902 };
}

function operationAt(operations: readonly Json6902Operation[], path: NodePath): Json6902Operation | undefined {
  const keys = path.map(String);
  const related = (operation: Json6902Operation) => {
    const own = operation.keys;
    if (own === null || !isSetting(operation)) return false;
    const length = Math.min(own.length, keys.length);
    return own.slice(0, length).every((key, index) => key === keys[index]);
  };
  return operations.find(related);
}

/**
 * Every JSON 6902 patch of the kustomizations: inline strings that hold a list of operations,
 * and the files they name as patches whose document is one (`operationLists`: only a file a
 * kustomization names as a patch is read as operations; a list elsewhere means nothing).
 */
export function readJson6902Patches(kustomizations: readonly KustomizationEntry[], operationLists: readonly ManifestDocument[]): Json6902PatchEntry[] {
  const listsByFile = new Map<string, ManifestDocument[]>();
  for (const doc of operationLists) {
    const file = posixFile(doc.file);
    listsByFile.set(file, [...(listsByFile.get(file) ?? []), doc]);
  }
  const entries: Json6902PatchEntry[] = [];
  for (const kustomization of kustomizations) {
    for (const patch of kustomization.inlinePatches) {
      const operations = operationsInString(patch.text);
      if (operations) entries.push(readJson6902Patch(kustomization, { path: patch.path.slice(0, 2), target: patch.target, operations, list: { text: patch.text, stringPath: patch.path } }));
    }
    for (const patch of kustomization.patchFiles) {
      for (const doc of listsByFile.get(patch.file) ?? []) {
        const operations = readOperations(doc.operations);
        if (operations) entries.push(readJson6902Patch(kustomization, { path: patch.path, target: patch.target, operations, list: { doc } }));
      }
    }
  }
  return entries;
}

/**
 * The namespace of the object a patch targets when neither the target nor a kustomization says
 * it: the namespace of the manifest it patches (kustomize matches a target without namespace in
 * any namespace), when the scanned files hold exactly one such manifest's namespace.
 */
export function baseNamespace(doc: ManifestDocument, documents: readonly ManifestDocument[], kustomized: (file: string) => string | undefined): string | undefined {
  const meta = asFields(doc.object.metadata);
  if (meta?.namespace !== undefined) return undefined;
  const namespaces = new Set<string>();
  for (const candidate of documents) {
    if (candidate.operations !== undefined || candidate.json6902 || candidate.object.kind !== doc.object.kind) continue;
    const fields = asFields(candidate.object.metadata);
    if (fields?.name !== meta?.name) continue;
    const namespace = kustomized(candidate.file) ?? stringOf(fields?.namespace ?? null);
    if (namespace) namespaces.add(namespace);
  }
  return namespaces.size === 1 ? [...namespaces][0] : undefined;
}
