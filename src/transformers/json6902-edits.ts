/**
 * Edits on the object a JSON 6902 patch describes (read-json6902.ts) made on the patch itself
 * (RFC 6902, https://datatracker.ietf.org/doc/html/rfc6902): a value the patch sets is changed
 * where it is set (its own operation, or inside the map an operation adds), a new key becomes a
 * new `add` operation after the others, and a removed key takes its operation with it. `add`
 * fails when the parent of its path does not exist on the target, so a new operation is only
 * written where the patch already writes into that parent (or into a node under it), or where
 * every object of its kind has one (`/metadata`, a pod template's `spec`); anything else, and a
 * new document beside the patch, is refused with the reason. An `add` into a map needs the map
 * before it, so the map is still there when cutover removes that operation.
 */
import { templatePathOf } from '../analyzers/inventory/find-pod-templates.js';
import { encodePointer, isSetting } from '../analyzers/inventory/read-json6902.js';
import { asFields } from '../analyzers/object-fields.js';
import { documentKey, type Json6902Operation, type ManifestDocument, type NodePath } from '../model/document.js';
import type { YamlEdit } from '../yaml/index.js';
import { listEdit, type FileEdit } from './transform-context.js';

/**
 * Edits on the object a JSON 6902 patch describes become edits of its operation list, all of one
 * patch at once. One patch file applied to several targets gets the same edits from each: once
 * is enough; when they want different values for one path, the patch cannot serve them all.
 */
export function json6902FileEdits(edits: readonly FileEdit[]): FileEdit[] {
  const plain = edits.filter((entry) => !entry.json6902);
  const groups = new Map<string, FileEdit[]>();
  for (const entry of edits) if (entry.json6902) groups.set(entry.json6902.key, [...(groups.get(entry.json6902.key) ?? []), entry]);
  const byList = new Map<string, { doc: ManifestDocument; edits: YamlEdit[] }>();
  for (const group of groups.values()) {
    const doc = group[0]!.json6902!.doc;
    // The operation list: a string in a kustomization is its own, a file's document is shared by its targets.
    const list = doc.embeddedIn ? documentKey(doc) : `${doc.file}#${doc.docIndex}`;
    const entry = byList.get(list) ?? { doc, edits: [] };
    for (const edit of operationListEdits(doc, group.map((member) => member.edit))) {
      if (!entry.edits.some((known) => JSON.stringify(known) === JSON.stringify(edit))) entry.edits.push(edit);
    }
    byList.set(list, entry);
  }
  for (const { doc, edits: listEdits } of byList.values()) {
    const conflict = conflictingPath(listEdits);
    const final: YamlEdit[] = conflict ? [{ op: 'refuse', docIndex: doc.docIndex, path: [], reason: `this JSON 6902 patch is applied to several targets that need different values at ${conflict}: give each target its own patch` }] : listEdits;
    for (const edit of final) plain.push(listEdit(doc, edit));
  }
  return plain;
}

/** A path that two edits of one operation list set to different values. */
function conflictingPath(edits: readonly YamlEdit[]): string | null {
  const seen = new Map<string, string>();
  for (const edit of edits) {
    const fields = edit.op === 'append' && typeof edit.value === 'object' && edit.value !== null ? (edit.value as Record<string, unknown>) : null;
    const [path, value] = edit.op === 'set' ? [`the value of operation ${Number(edit.path[0]) + 1}${edit.path.length > 2 ? ` (${edit.path.slice(2).join('.')})` : ''}`, JSON.stringify(edit.value)] : fields ? [String(fields.path), JSON.stringify(fields.value)] : [null, null];
    if (path === null) continue;
    if (seen.has(path) && seen.get(path) !== value) return path;
    seen.set(path, value ?? '');
  }
  return null;
}

/** The edits of the operation list (paths from the list) that make the object edits true, in order. */
export function operationListEdits(doc: ManifestDocument, edits: readonly YamlEdit[]): YamlEdit[] {
  const operations = doc.json6902?.operations ?? [];
  const docIndex = doc.docIndex;
  const changes: YamlEdit[] = [];
  const removed = new Set<number>();
  const appended = new Set<string>();
  for (const edit of edits) {
    if (edit.op === 'set') {
      const keys = edit.path.map(String);
      const exact = lastOf(operations, (operation) => isSetting(operation) && same(operation.keys, keys));
      if (exact) {
        changes.push({ op: 'set', docIndex, path: [exact.index, 'value'], value: edit.value });
        continue;
      }
      const covering = lastOf(operations, (operation) => isSetting(operation) && operation.keys !== null && isPrefix(operation.keys, keys));
      // Inside the map an operation adds, unless operations after it add keys to that map one by one (then one more goes after them).
      const laterSibling = covering && operations.some((operation) => operation.index > covering.index && isSetting(operation) && same(operation.keys?.slice(0, -1) ?? null, keys.slice(0, -1)));
      const emptyMap = covering && Object.keys(asFields(covering.value) ?? { value: true }).length === 0;
      if (covering?.keys && !laterSibling && !emptyMap) {
        const inner = keys.slice(covering.keys.length);
        if (!mapsAlong(covering.value, inner)) changes.push(refusal(docIndex, covering.index, `operation ${covering.op} ${covering.path} does not set a map at ${inner.join('.')}`));
        else changes.push({ op: 'set', docIndex, path: [covering.index, 'value', ...inner], value: edit.value });
        continue;
      }
      const pointer = encodePointer(keys);
      if (appended.has(pointer)) continue;
      if (!parentExists(doc, operations, keys)) {
        changes.push(refusal(docIndex, null, `a JSON 6902 add of ${pointer} needs ${encodePointer(keys.slice(0, -1))} on the target, which this patch does not show; add the operation by hand`));
        continue;
      }
      appended.add(pointer);
      changes.push({ op: 'append', docIndex, path: [], value: { op: 'add', path: pointer, value: edit.value } });
    } else if (edit.op === 'delete') {
      const keys = edit.path.map(String);
      for (const operation of operations) {
        if (!isSetting(operation) || operation.keys === null) continue;
        if (same(operation.keys, keys)) removed.add(operation.index);
        else if (isPrefix(operation.keys, keys) && valueAt(operation.value, keys.slice(operation.keys.length)) !== undefined) {
          const inner = keys.slice(operation.keys.length);
          // The last key of a map an operation adds takes the operation with it.
          const map = asFields(operation.value);
          const only = inner.length === 1 ? inner[0] : undefined;
          // Unless this batch sets another key in that map.
          const keepsMap = changes.some((change) => change.op === 'set' && change.path[0] === operation.index) || edits.some((later) => later.op === 'set' && isPrefix(operation.keys ?? [], later.path) && !same(later.path.map(String), keys));
          if (only !== undefined && map && Object.keys(map).length === 1 && only in map && !keepsMap) removed.add(operation.index);
          else changes.push({ op: 'delete', docIndex, path: [operation.index, 'value', ...inner], pruneEmptyParents: false });
        }
      }
    } else {
      const reason = edit.op === 'delete-document' ? 'remove this JSON 6902 patch from its kustomization by hand: the object it patches is deleted' : 'a JSON 6902 patch file holds operations only: write the new document into one of the kustomization\'s resources by hand';
      changes.push(refusal(docIndex, null, reason));
    }
  }
  // Operations go last, from the end of the list, so earlier positions stay valid.
  const deletions: YamlEdit[] = [...removed].sort((a, b) => b - a).map((index) => ({ op: 'delete', docIndex, path: [index], pruneEmptyParents: false }));
  const inRemoved = (change: YamlEdit) => (change.op === 'set' || change.op === 'delete') && change.path.length > 1 && removed.has(Number(change.path[0]));
  return [...changes.filter((change) => !inRemoved(change)), ...deletions];
}

function refusal(docIndex: number, index: number | null, reason: string): YamlEdit {
  return { op: 'refuse', docIndex, path: index === null ? [] : [index], reason };
}

/** Where `add` of `keys` would find its parent after the patch's operations: a node every such object has, or one the patch or its base shows. */
function parentExists(doc: ManifestDocument, operations: readonly Json6902Operation[], keys: readonly string[]): boolean {
  const parent = keys.slice(0, -1);
  if (same(parent, ['metadata'])) return true;
  const template = templatePathOf(doc);
  if (template !== null && same(parent, [...template.map(String), 'spec'])) return true;
  // The last operation on the parent or a node above it decides what is there.
  const last = lastOf(operations, (operation) => operation.keys !== null && operation.op !== 'test' && (same(operation.keys, parent) || isPrefix(operation.keys, parent)));
  if (last?.keys) return isSetting(last) && asFields(valueAt(last.value, parent.slice(last.keys.length))) !== null;
  // Otherwise what the manifest it patches has, or what an operation that adds into the parent (or under it) needs.
  if (asFields(valueAt(doc.json6902?.base, parent))) return true;
  return operations.some((operation) => {
    if (!isSetting(operation) || operation.keys === null) return false;
    const its = operation.keys.slice(0, -1);
    return same(parent, its) || isPrefix(parent, its);
  });
}

function valueAt(value: unknown, keys: readonly string[]): unknown {
  let node = value;
  for (const key of keys) node = asFields(node)?.[key];
  return node;
}

function mapsAlong(value: unknown, keys: readonly string[]): boolean {
  let node = value;
  for (const key of keys.slice(0, -1)) {
    const map = asFields(node);
    if (!map) return false;
    node = map[key];
    if (node === undefined) return true;
  }
  return asFields(node) !== null;
}

function lastOf(operations: readonly Json6902Operation[], test: (operation: Json6902Operation) => boolean): Json6902Operation | undefined {
  return operations.filter(test).pop();
}

function same(a: readonly string[] | null, b: readonly string[]): boolean {
  return a !== null && a.length === b.length && a.every((key, index) => key === b[index]);
}

function isPrefix(prefix: readonly string[], keys: NodePath): boolean {
  return prefix.length < keys.length && prefix.every((key, index) => key === String(keys[index]));
}
