/**
 * kustomize's `kustomization.yaml` (https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/):
 * `namespace` sets the namespace of every resource it builds (bases included), which is the
 * namespace a federated credential's subject must use; `resources`, `patchesStrategicMerge` and
 * `patches[].path` name the files it applies to. Patches written inline (strings), JSON 6902
 * patches and `commonLabels` are read for what they set (see the kustomize-* rules).
 * Flux's own `Kustomization` (kustomize.toolkit.fluxcd.io) is another thing and is not read here.
 */
import path from 'node:path';
import type { ManifestDocument } from '../../model/document.js';
import type { KustomizationEntry } from '../../model/inventory.js';
import { asFields, stringMapOf, stringOf } from '../object-fields.js';
import { documentInString } from './embedded-values.js';

const FILE_NAMES = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);

export function isKustomization(doc: ManifestDocument): boolean {
  const { kind, apiVersion } = doc.object;
  if (kind === 'Kustomization' || kind === 'Component') return String(apiVersion ?? '').startsWith('kustomize.config.k8s.io/');
  return kind === undefined && FILE_NAMES.has(path.basename(doc.file));
}

export function readKustomization(doc: ManifestDocument): KustomizationEntry {
  const object = doc.object as Record<string, unknown>;
  const dir = path.posix.dirname(doc.file.replaceAll('\\', '/'));
  const list = (key: string): unknown[] => (Array.isArray(object[key]) ? (object[key] as unknown[]) : []);
  const files: string[] = [];
  const inlinePatches: KustomizationEntry['inlinePatches'] = [];
  const patchFiles: KustomizationEntry['patchFiles'] = [];
  const named = (entry: unknown) => {
    const value = stringOf(entry ?? null);
    if (value && !/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) files.push(path.posix.normalize(path.posix.join(dir, value)));
  };
  for (const key of ['resources', 'bases', 'components']) list(key).forEach(named);
  list('patchesStrategicMerge').forEach((entry, index) => {
    const value = stringOf(entry ?? null);
    if (value?.includes('\n')) inlinePatches.push({ path: ['patchesStrategicMerge', index], text: value, targetName: null, target: null });
    else named(entry);
  });
  for (const key of ['patches', 'patchesJson6902']) {
    list(key).forEach((entry, index) => {
      const fields = asFields(entry);
      named(fields?.path);
      const file = stringOf(fields?.path ?? null);
      if (file !== null) patchFiles.push({ path: [key, index], file: path.posix.normalize(path.posix.join(dir, file)), target: fields?.target ?? null });
      const patch = stringOf(fields?.patch ?? null);
      if (patch) inlinePatches.push({ path: [key, index, 'patch'], text: patch, targetName: stringOf(asFields(fields?.target)?.name ?? null), target: fields?.target ?? null });
    });
  }
  return {
    doc,
    dir,
    namespace: stringOf(object.namespace ?? null),
    files,
    inlinePatches,
    patchFiles,
    commonLabels: stringMapOf(object.commonLabels),
  };
}

/**
 * The namespace kustomize gives each file: the nearest kustomization with `namespace` that
 * builds it, directly or through the bases and components it includes (an overlay's namespace
 * wins over its base's).
 */
export function kustomizeNamespaces(kustomizations: readonly KustomizationEntry[]): Map<string, string> {
  const byDir = new Map(kustomizations.map((entry) => [entry.dir, entry]));
  const namespaces = new Map<string, string>();
  const apply = (entry: KustomizationEntry, namespace: string, seen: Set<KustomizationEntry>) => {
    if (seen.has(entry)) return;
    seen.add(entry);
    for (const file of entry.files) {
      const base = byDir.get(file);
      if (base) apply(base, namespace, seen);
      else if (!namespaces.has(file)) namespaces.set(file, namespace);
    }
  };
  // Overlays first: a kustomization that no other one includes.
  const included = new Set(kustomizations.flatMap((entry) => entry.files));
  const ordered = [...kustomizations].sort((a, b) => Number(included.has(a.dir)) - Number(included.has(b.dir)));
  for (const entry of ordered) if (entry.namespace) apply(entry, entry.namespace, new Set());
  return namespaces;
}

/**
 * A strategic-merge patch written inline, as the manifest it holds, addressed through the
 * kustomization (ManifestDocument.embeddedIn): it is analyzed and rewritten like a patch file.
 * Null for JSON 6902 operations (read-json6902.ts), several documents, templating, and patches
 * whose target names other objects than the patch itself (kustomize reads `target.name` as a
 * regular expression, as in `(source-controller|image-reflector-controller)`, and a label or
 * annotation selector picks objects by their labels): a federated credential needs the real name.
 */
export function inlinePatchDocument(kustomization: KustomizationEntry, patch: KustomizationEntry['inlinePatches'][number]): ManifestDocument | null {
  // A JSON 6902 patch is a list, not a map; several documents do not load as one.
  const inner = documentInString(kustomization.doc, patch.path, patch.text);
  const name = stringOf(asFields(inner?.object.metadata)?.name ?? null);
  if (!inner || typeof inner.object.kind !== 'string' || name === null) return null;
  // A label or annotation selector applies the patch to every object it selects, whatever the patch names.
  const target = asFields(patch.target);
  if (target?.labelSelector !== undefined || target?.annotationSelector !== undefined) return null;
  return patch.targetName === null || patch.targetName === name ? inner : null;
}
