import type { NodePath } from '../model/document.js';
import type { YamlEdit } from './yaml-edit.js';

type Container = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

function child(container: Container, segment: string | number): unknown {
  return Array.isArray(container) ? container[Number(segment)] : container[String(segment)];
}

/**
 * What an edit must do to the plain value of a document. The text edits are checked against
 * it: if re-parsing the edited text does not give exactly this, the edit is refused.
 */
export function applyStructurally(value: unknown, edit: YamlEdit): unknown {
  if (edit.op === 'set') return setIn(value, edit.path, edit.value);
  if (edit.op === 'delete') return deleteIn(value, edit.path, edit.pruneEmptyParents ?? false);
  if (edit.op === 'append') {
    const list = getIn(value, edit.path);
    if (Array.isArray(list)) list.push(structuredClone(edit.value));
    return value;
  }
  return value;
}

function getIn(value: unknown, path: NodePath): unknown {
  let node = value;
  for (const segment of path) node = isContainer(node) ? child(node, segment) : undefined;
  return node;
}

function setIn(value: unknown, path: NodePath, leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const root = isContainer(value) ? value : {};
  let node: Container = root;
  path.forEach((segment, depth) => {
    if (depth === path.length - 1) {
      if (Array.isArray(node)) node[Number(segment)] = leaf;
      else node[String(segment)] = leaf;
      return;
    }
    let next = child(node, segment);
    if (!isContainer(next)) {
      next = {};
      if (Array.isArray(node)) node[Number(segment)] = next;
      else node[String(segment)] = next;
    }
    node = next as Container;
  });
  return root;
}

function deleteIn(value: unknown, path: NodePath, prune: boolean): unknown {
  const parentPath = path.slice(0, -1);
  const parent = getIn(value, parentPath);
  const last = path[path.length - 1];
  if (!isContainer(parent) || last === undefined) return value;
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else {
    if (!(String(last) in parent)) return value;
    delete parent[String(last)];
    if (Object.keys(parent).length === 0 && parentPath.length > 0) {
      return prune ? deleteIn(value, parentPath, prune) : setIn(value, parentPath, null);
    }
  }
  return value;
}
