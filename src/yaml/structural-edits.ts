import type { NodePath, PathSegment } from '../model/document.js';
import type { YamlEdit } from './yaml-edit.js';

type Container = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

function isPlainMap(value: unknown): value is Record<string, unknown> {
  return isContainer(value) && !Array.isArray(value);
}

function child(container: Container, segment: PathSegment): unknown {
  return Array.isArray(container) ? container[Number(segment)] : container[String(segment)];
}

/**
 * What an edit must do to the plain value of a document, worked out without looking at the
 * text. The text edits are checked against it: if re-parsing the edited text does not give
 * exactly this, the document is refused. Mutates and returns `value`.
 */
export function applyStructurally(value: unknown, edit: YamlEdit): unknown {
  if (edit.op === 'set') return setIn(value, edit.path, edit.value);
  if (edit.op === 'delete') {
    deleteIn(value, edit.path, edit.pruneEmptyParents ?? false);
    return value;
  }
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

/** Removes the entry; with `prune`, a map left empty whose parent is a map goes too, up to the root. */
function deleteIn(value: unknown, path: NodePath, prune: boolean): void {
  const parentPath = path.slice(0, -1);
  const parent = getIn(value, parentPath);
  const last = path[path.length - 1];
  if (!isContainer(parent) || last === undefined) return;
  if (Array.isArray(parent)) {
    const index = Number(last);
    if (Number.isInteger(index) && index >= 0 && index < parent.length) parent.splice(index, 1);
    return;
  }
  if (!Object.hasOwn(parent, String(last))) return;
  if (prune && Object.keys(parent).length === 1 && parentPath.length > 0 && isPlainMap(getIn(value, parentPath.slice(0, -1)))) {
    deleteIn(value, parentPath, prune);
    return;
  }
  delete parent[String(last)];
}
