/**
 * Helm values kept inside GitOps objects: Flux `HelmRelease.spec.values`
 * (https://fluxcd.io/flux/components/helm/helmreleases/#values), Argo CD `Application` and
 * `ApplicationSet` `helm.valuesObject` and the string form `helm.values`
 * (https://argo-cd.readthedocs.io/en/stable/user-guide/helm/#values), for a single `source` or
 * each of `sources`.
 */
import jsyaml from 'js-yaml';
import type { ManifestDocument, NodePath } from '../../model/document.js';
import { asFields, pathOf, stringOf, valueAt } from '../object-fields.js';

export interface EmbeddedValues {
  /** Where the values sit in the object. */
  path: NodePath;
  /** `values: |`: a YAML document inside a string. */
  inString: boolean;
  /** Where the release goes: `spec.targetNamespace` or the HelmRelease's own; Argo's destination. */
  namespace: string | null;
}

export function embeddedValues(doc: ManifestDocument): EmbeddedValues[] {
  const { kind, apiVersion } = doc.object;
  const group = String(apiVersion ?? '').split('/')[0];
  if (kind === 'HelmRelease' && group === 'helm.toolkit.fluxcd.io') {
    const namespace = stringOf(pathOf(doc.object, ['spec', 'targetNamespace']) ?? null) ?? stringOf(pathOf(doc.object, ['metadata', 'namespace']) ?? null);
    return asFields(pathOf(doc.object, ['spec', 'values'])) ? [{ path: ['spec', 'values'], inString: false, namespace }] : [];
  }
  if (group !== 'argoproj.io') return [];
  const spec: NodePath | null = kind === 'Application' ? ['spec'] : kind === 'ApplicationSet' ? ['spec', 'template', 'spec'] : null;
  if (spec === null) return [];
  const destination = stringOf(valueAt(doc.object, [...spec, 'destination', 'namespace']) ?? null);
  // An ApplicationSet's `{{ }}` placeholders are filled in per generated Application.
  const namespace = destination !== null && !destination.includes('{{') ? destination : null;
  const sources: NodePath[] = [[...spec, 'source']];
  const list = pathOf(doc.object, [...spec, 'sources'] as string[]);
  if (Array.isArray(list)) list.forEach((_, index) => sources.push([...spec, 'sources', index]));
  return sources.flatMap((source) => {
    const helm = asFields(valueAt(doc.object, [...source, 'helm']));
    if (!helm) return [];
    const found: EmbeddedValues[] = [];
    if (asFields(helm.valuesObject)) found.push({ path: [...source, 'helm', 'valuesObject'], inString: false, namespace });
    if (stringOf(helm.values ?? null)) found.push({ path: [...source, 'helm', 'values'], inString: true, namespace });
    return found;
  });
}


/**
 * The YAML map a string holds (Argo CD's `helm.values: |`, an inline kustomize patch), as a
 * document addressed through the outer one: positions are the string's key (a person looks
 * there), edits go through the string (ManifestDocument.embeddedIn). Null when the string is not
 * one YAML map, or holds templating (ApplicationSet `{{ }}` placeholders).
 */
export function documentInString(doc: ManifestDocument, path: NodePath, text: string): ManifestDocument | null {
  if (text.includes('{{')) return null;
  let object: unknown;
  try {
    object = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA });
  } catch {
    return null;
  }
  const fields = asFields(object);
  if (!fields) return null;
  const locate = () => doc.locate(path);
  return { file: doc.file, docIndex: doc.docIndex, pathPrefix: [], format: 'yaml', object: fields, location: locate(), locate, embeddedIn: { doc, path, text } };
}

/** The values a `helm.values: |` string holds. */
export function stringValuesDocument(doc: ManifestDocument, path: NodePath): ManifestDocument | null {
  const text = valueAt(doc.object, path);
  return typeof text === 'string' ? documentInString(doc, path, text) : null;
}
