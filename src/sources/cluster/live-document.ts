/**
 * Live objects become the same ManifestDocument the file pipeline reads, so the same analyzers
 * and planner run on them. Their location is a cluster reference,
 * `k8s://<context>/<namespace>/<Kind>/<name>`, with line 0 (reporters print it without a line).
 */
import type { KubeObject, ManifestDocument } from '../../model/document.js';
import type { SourceLocation } from '../../model/location.js';

/** Set by the API server (or by kubectl apply) and meaningless to the analysis. */
const SERVER_METADATA = ['managedFields', 'resourceVersion', 'uid', 'generation', 'creationTimestamp', 'selfLink', 'ownerReferences', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generateName'] as const;
const SERVER_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration', 'deployment.kubernetes.io/revision'] as const;

export function clusterRef(context: string, namespace: string | null, kind: string, name: string): string {
  return `k8s://${context}/${namespace ?? '_cluster'}/${kind}/${name}`;
}

export function clusterLocation(ref: string): SourceLocation {
  return { file: ref, line: 0, col: 0 };
}

/**
 * A copy without status and server-set fields. Lists omit each item's apiVersion and kind,
 * so they are put back from the list.
 */
export function stripServerFields(item: Record<string, unknown>, apiVersion: string, kind: string): KubeObject {
  const { status: _status, metadata, ...rest } = item;
  const meta: Record<string, unknown> = { ...(typeof metadata === 'object' && metadata !== null ? (metadata as Record<string, unknown>) : {}) };
  for (const key of SERVER_METADATA) delete meta[key];
  if (typeof meta.annotations === 'object' && meta.annotations !== null) {
    const annotations = { ...(meta.annotations as Record<string, unknown>) };
    for (const key of SERVER_ANNOTATIONS) delete annotations[key];
    if (Object.keys(annotations).length === 0) delete meta.annotations;
    else meta.annotations = annotations;
  }
  return { ...rest, apiVersion, kind, metadata: meta };
}

export function liveDocument(ref: string, object: KubeObject): ManifestDocument {
  const location = clusterLocation(ref);
  return { file: ref, docIndex: 0, pathPrefix: [], format: 'json', object, location, locate: () => location };
}
