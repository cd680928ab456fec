/**
 * The objects of a kustomize build (--render), each with its final name and namespace and the
 * source object it comes from. kustomize's origin annotation (buildMetadata: [originAnnotations],
 * https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/buildmetadata/) names the
 * file but not the object in it, so the object is the one of the same kind whose name the final
 * name carries (namePrefix and nameSuffix only add around it); the longest such name wins, so
 * `prod-api-v2` comes from `api-v2` rather than from `api` in the same file.
 */
import jsyaml from 'js-yaml';
import { asFields, metadataOf, pathOf, stringOf } from '../analyzers/object-fields.js';
import type { RenderedObject } from '../model/rendered-build.js';

export const ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';

export interface RenderedObjectsOptions {
  /** Namespace of built objects that carry none. */
  defaultNamespace: string;
  /** The scanned file an origin `path` names (relative to the build's root); null when it is not one. */
  originFile: (originPath: string) => string | null;
  /** The text of a scanned file, to know the objects it holds. */
  sourceText: (file: string) => string | undefined;
}

/** Reads a build's output; a document that is not an object with a kind and a name is left out. */
export function renderedObjects(built: string, options: RenderedObjectsOptions): RenderedObject[] {
  const namesInFile = new Map<string, Map<string, string[]>>();
  const namesOf = (file: string, kind: string): string[] => {
    let byKind = namesInFile.get(file);
    if (!byKind) {
      byKind = objectNamesByKind(options.sourceText(file));
      namesInFile.set(file, byKind);
    }
    return byKind.get(kind) ?? [];
  };
  const objects: RenderedObject[] = [];
  for (const value of loadAll(built)) {
    const object = asFields(value);
    const kind = stringOf(object?.kind ?? null);
    const meta = metadataOf(object);
    if (!object || !kind || meta.name === '') continue;
    const file = originFileOf(meta.annotations[ORIGIN_ANNOTATION], options);
    const sourceName = file === null ? null : longestContained(meta.name, namesOf(file, kind));
    const podSpec = podSpecOf(object);
    objects.push({
      kind,
      ref: { namespace: meta.namespace ?? options.defaultNamespace, name: meta.name },
      source: file !== null && sourceName !== null ? { file, name: sourceName } : null,
      ...(podSpec ? { serviceAccountName: stringOf(podSpec.serviceAccountName ?? null) ?? stringOf(podSpec.serviceAccount ?? null) } : {}),
    });
  }
  return objects;
}

function loadAll(text: string): unknown[] {
  try {
    return jsyaml.loadAll(text);
  } catch {
    // kubectl prints what it built; output that is not YAML leaves nothing to map.
    return [];
  }
}

/** The origin annotation is itself YAML: `path: base/sa.yaml` (plus `repo`/`ref` for a remote base, which is not a scanned file). */
function originFileOf(annotation: string | undefined, options: RenderedObjectsOptions): string | null {
  if (annotation === undefined) return null;
  let origin: unknown;
  try {
    origin = jsyaml.load(annotation);
  } catch {
    return null;
  }
  const fields = asFields(origin);
  const originPath = stringOf(fields?.path ?? null);
  if (originPath === null || fields?.repo !== undefined) return null;
  return options.originFile(originPath);
}

function objectNamesByKind(text: string | undefined): Map<string, string[]> {
  const byKind = new Map<string, string[]>();
  if (text === undefined) return byKind;
  const add = (value: unknown) => {
    const object = asFields(value);
    const kind = stringOf(object?.kind ?? null);
    if (kind === 'List' && Array.isArray(object?.items)) {
      object.items.forEach(add);
      return;
    }
    const name = metadataOf(object).name;
    if (kind && name !== '') byKind.set(kind, [...(byKind.get(kind) ?? []), name]);
  };
  // JSON is YAML; a file that does not parse (templated) names nothing, and matching falls back to the name alone.
  loadAll(text).forEach(add);
  return byKind;
}

function longestContained(finalName: string, names: readonly string[]): string | null {
  let best: string | null = null;
  for (const name of names) if (finalName.includes(name) && (best === null || name.length > best.length)) best = name;
  return best;
}

function podSpecOf(object: Record<string, unknown>): Record<string, unknown> | null {
  if (object.kind === 'Pod') return asFields(object.spec);
  for (const path of [['spec', 'template', 'spec'], ['spec', 'jobTemplate', 'spec', 'template', 'spec'], ['template', 'spec']]) {
    const spec = asFields(pathOf(object, path));
    if (spec) return spec;
  }
  return null;
}
