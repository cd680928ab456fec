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

/** A shallow copy of a container with one child replaced (undefined removes a map entry). */
function withChild(container: Container, segment: PathSegment, next: unknown, remove = false): Container {
  if (Array.isArray(container)) {
    const copy = [...container];
    if (remove) copy.splice(Number(segment), 1);
    else copy[Number(segment)] = next;
    return copy;
  }
  const copy = { ...container };
  if (remove) delete copy[String(segment)];
  else copy[String(segment)] = next;
  return copy;
}

/**
 * What an edit must do to the plain value of a document, worked out without looking at the
 * text. The text edits are checked against it: if re-parsing the edited text does not give
 * exactly this, the document is refused. Pure: only the containers on the edited path are
 * copied, so that values shared with the read cache are never changed.
 */
export function applyStructurally(value: unknown, edit: YamlEdit): unknown {
  if (edit.op === 'set') return setIn(value, edit.path, edit.value);
  if (edit.op === 'delete') return deleteIn(value, edit.path, edit.pruneEmptyParents ?? false);
  if (edit.op === 'append') {
    const list = getIn(value, edit.path);
    return Array.isArray(list) ? setIn(value, edit.path, [...list, structuredClone(edit.value)]) : value;
  }
  return value;
}

function getIn(value: unknown, path: NodePath): unknown {
  let node = value;
  for (const segment of path) node = isContainer(node) ? child(node, segment) : undefined;
  return node;
}

function setIn(value: unknown, path: NodePath, leaf: unknown): unknown {
  const [segment, ...rest] = path;
  if (segment === undefined) return leaf;
  const node = isContainer(value) ? value : {};
  return withChild(node, segment, setIn(child(node, segment), rest, leaf));
}

/** Removes the entry; with `prune`, a map left empty whose parent is a map goes too, up to the root. */
function deleteIn(value: unknown, path: NodePath, prune: boolean): unknown {
  const parentPath = path.slice(0, -1);
  const parent = getIn(value, parentPath);
  const last = path[path.length - 1];
  if (!isContainer(parent) || last === undefined) return value;
  if (Array.isArray(parent)) {
    const index = Number(last);
    if (!Number.isInteger(index) || index < 0 || index >= parent.length) return value;
    return setIn(value, parentPath, withChild(parent, index, undefined, true));
  }
  if (!Object.hasOwn(parent, String(last))) return value;
  if (prune && Object.keys(parent).length === 1 && parentPath.length > 0 && isPlainMap(getIn(value, parentPath.slice(0, -1)))) {
    return deleteIn(value, parentPath, prune);
  }
  return setIn(value, parentPath, withChild(parent, last, undefined, true));
}
