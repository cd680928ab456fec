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
export function documentKey(doc: Pick<ManifestDocument, 'file' | 'docIndex' | 'pathPrefix' | 'embeddedIn'>): string {
  if (doc.embeddedIn) return `${documentKey(doc.embeddedIn.doc)}@${doc.embeddedIn.path.join('/')}`;
  return doc.pathPrefix.length === 0
    ? `${doc.file}#${doc.docIndex}`
    : `${doc.file}#${doc.docIndex}/${doc.pathPrefix.join('/')}`;
}
