import type { SourceLocation } from './location.js';

/** A key or index on the way from a document root to a node. */
export type PathSegment = string | number;
export type NodePath = readonly PathSegment[];

export type SourceFormat = 'yaml' | 'json';

/**
 * One Kubernetes object read from a source. A `kind: List` yields one per item, each with
 * `pathPrefix` pointing at its place in the list, so edits can address the real node.
 */
export interface ManifestDocument {
  file: string;
  /** Index of the YAML document (chunk between `---` markers) inside the file. */
  docIndex: number;
  /** Path from the YAML document root to this object: `[]`, or `['items', n]` in a List. */
  pathPrefix: NodePath;
  format: SourceFormat;
  object: KubeObject;
  /** Where the object starts. */
  location: SourceLocation;
  /** Where the node at `path` (relative to the object) starts; the nearest existing ancestor otherwise. */
  locate(path: NodePath): SourceLocation;
  /**
   * A YAML document kept as a string inside another (Argo CD's `helm.values: |`): edits on it
   * become a new string at `path` of the outer document.
   */
  embeddedIn?: { doc: ManifestDocument; path: NodePath; text: string };
  /**
   * The document's value is a list of JSON 6902 operations (`[{op, path, value}]`), not an
   * object (`object` is empty): it means something only where a kustomization names it as a patch.
   */
  operations?: readonly unknown[];
  /**
   * The object is what a JSON 6902 patch of a kustomization sets on its target
   * (read-json6902.ts): edits on it become edits of the operation list (json6902-edits.ts).
   */
  json6902?: Json6902Patch;
}

/** One operation of a JSON 6902 patch, with its path decoded (RFC 6901: `~1` is `/`, `~0` is `~`). */
export interface Json6902Operation {
  /** Its position in the list. */
  index: number;
  op: string;
  path: string;
  /** The decoded keys; null when the path goes through a list (`/containers/0`, `/-`) or is not a pointer. */
  keys: string[] | null;
  /** The operation carries `value` (add, replace, test). */
  hasValue: boolean;
  value: unknown;
}

export interface Json6902Patch {
  /** `kind/namespace/name` of the target, to tell apart the targets one patch file is applied to. */
  target: string;
  operations: Json6902Operation[];
  /** The kustomization that applies it: a new service account becomes one of its resources. */
  kustomization: ManifestDocument;
  /** The manifest it patches, when the scanned files hold it (patched-workloads.ts): what the target has before the patch. */
  base?: KubeObject;
}

/** The loose shape of any Kubernetes object as read from a manifest. */
export interface KubeObject {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: unknown;
  spec?: unknown;
  [key: string]: unknown;
}

/** A stable key for a document: file, YAML document and list position (and the string it is kept in). */
export function documentKey(doc: Pick<ManifestDocument, 'file' | 'docIndex' | 'pathPrefix' | 'embeddedIn' | 'json6902'>): string {
  if (doc.embeddedIn) return `${documentKey(doc.embeddedIn.doc)}@${doc.embeddedIn.path.join('/')}`;
  // One patch file may be applied to several targets: each is an object of its own.
  if (doc.json6902) return `${doc.file}#${doc.docIndex}@6902:${doc.json6902.target}`;
  return doc.pathPrefix.length === 0
    ? `${doc.file}#${doc.docIndex}`
    : `${doc.file}#${doc.docIndex}/${doc.pathPrefix.join('/')}`;
}
