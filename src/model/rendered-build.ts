import type { ObjectRef } from './inventory.js';

/**
 * What `kubectl kustomize` built from one top kustomization (--render), reduced to what the plan
 * needs: each object's final name and namespace, and the source object it comes from. Read at
 * the CLI edge (src/cli/render-kustomize.ts) and given to the planner as data.
 */
export interface RenderedBuild {
  /** The kustomization folder, as the scanned paths spell it. */
  dir: string;
  /** Every scanned file the build reads (resources, patches, through bases and components). */
  files: string[];
  objects: RenderedObject[];
}

export interface RenderedObject {
  kind: string;
  /** The final name and namespace (the default namespace when the build sets none). */
  ref: ObjectRef;
  /**
   * The source object, from kustomize's `config.kubernetes.io/origin` annotation (the file) and
   * the object of that kind in the file whose name the final name carries. Null when kustomize
   * gave no origin (a generated object, a remote base, a build without origin annotations).
   */
  source: { file: string; name: string } | null;
  /** Pod templates: the service account the built pods run under (null: the namespace's default). */
  serviceAccountName?: string | null;
}
