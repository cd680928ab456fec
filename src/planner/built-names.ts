/**
 * --render: the names and namespaces objects get when the top kustomizations are built, from the
 * builds read at the CLI edge (RenderedBuild). A federated credential must trust the service
 * account as the cluster knows it (`system:serviceaccount:<built namespace>:<built name>`),
 * while the edits stay on the source names: kustomize's namePrefix and nameSuffix rename the
 * service account and, through its nameReference rules, every `serviceAccountName` that points at
 * it (https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/nameprefix/).
 */
import type { ManifestDocument } from '../model/document.js';
import type { ObjectRef, WorkloadEntry } from '../model/inventory.js';
import type { BuiltWorkload, ServiceAccountAction } from '../model/plan.js';
import type { RenderedBuild, RenderedObject } from '../model/rendered-build.js';

/** A built object and the build it comes from. */
export interface BuiltObject {
  build: string;
  object: RenderedObject;
}

export interface BuiltNames {
  /** What a source document becomes in the builds; null when no build reads its file. */
  objectsOf(doc: ManifestDocument): BuiltObject[] | null;
  /**
   * A workload as each build names it, with the service account its pods run under there when the
   * plan gives it `account`; null when no build includes the workload (the source names are final).
   */
  workloadBuilds(workload: WorkloadEntry, account: { ref: ObjectRef; action: ServiceAccountAction }, accountDoc: ManifestDocument | undefined): BuiltWorkload[] | null;
  /** The same for a workload whose service account the migration leaves as it is (IRSA): the build says which it is. */
  workloadAsBuilt(doc: ManifestDocument): BuiltWorkload[] | null;
}

export function builtNames(builds: readonly RenderedBuild[]): BuiltNames {
  const filesOf = new Map(builds.map((build) => [build.dir, new Set(build.files)]));
  const cache = new Map<ManifestDocument, BuiltObject[] | null>();
  const objectsOf = (doc: ManifestDocument): BuiltObject[] | null => {
    let found = cache.get(doc);
    if (found === undefined) {
      found = findObjects(doc, builds, filesOf);
      cache.set(doc, found);
    }
    return found;
  };
  return {
    objectsOf,
    workloadBuilds(workload, account, accountDoc) {
      const built = objectsOf(workload.doc);
      if (built === null || built.length === 0) return null;
      return uniqueBuilt(
        built.map(({ build, object }) => {
          const namespace = object.ref.namespace;
          if (account.action === 'external') {
            // Not among the scanned files: kustomize renames it only if the build holds it, which the built pods say.
            const builtName = workload.serviceAccountName === account.ref.name ? object.serviceAccountName : undefined;
            return { ref: object.ref, serviceAccount: { namespace, name: builtName ?? account.ref.name } };
          }
          // The workload's prefix and suffix, applied to the account: the same kustomizations rename both.
          const expected = withAffixesOf(object.ref.name, nameOf(workload.doc), account.ref.name);
          // Built from the same source twice in one build (two intermediate overlays), the account with the workload's affixes is its own.
          const candidates = (accountDoc ? (objectsOf(accountDoc) ?? []) : []).filter((candidate) => candidate.build === build && candidate.object.ref.namespace === namespace);
          const existing = candidates.find((candidate) => candidate.object.ref.name === expected) ?? candidates[0];
          // Otherwise a service account the migration creates (or just created) beside the workload.
          return { ref: object.ref, serviceAccount: existing?.object.ref ?? { namespace, name: expected } };
        }),
      );
    },
    workloadAsBuilt(doc) {
      const built = objectsOf(doc);
      if (built === null || built.length === 0) return null;
      return uniqueBuilt(built.map(({ object }) => ({ ref: object.ref, serviceAccount: { namespace: object.ref.namespace, name: object.serviceAccountName ?? 'default' } })));
    },
  };
}

function findObjects(doc: ManifestDocument, builds: readonly RenderedBuild[], filesOf: ReadonlyMap<string, ReadonlySet<string>>): BuiltObject[] | null {
  const kind = typeof doc.object.kind === 'string' ? doc.object.kind : null;
  const name = nameOf(doc);
  if (kind === null || name === '') return null;
  const file = (doc.embeddedIn?.doc ?? doc).file;
  let read = false;
  const found: BuiltObject[] = [];
  for (const build of builds) {
    const ofKind = build.objects.filter((object) => object.kind === kind);
    // kustomize's origin annotation named the file and the object.
    let matches = ofKind.filter((object) => object.source?.file === file && object.source.name === name);
    if (matches.length === 0) {
      if (!filesOf.get(build.dir)?.has(file)) continue;
      // A patch (its origin is the object it patches, of the same source name), or no origin at all: by name.
      matches = ofKind.filter((object) => object.source?.name === name);
      if (matches.length === 0) {
        const carrying = ofKind.filter((object) => object.source === null && object.ref.name.includes(name));
        const exact = carrying.filter((object) => object.ref.name === name);
        matches = exact.length > 0 ? exact : carrying;
      }
    }
    read = true;
    found.push(...matches.map((object) => ({ build: build.dir, object })));
  }
  return read ? found : null;
}

function nameOf(doc: ManifestDocument): string {
  const metadata = doc.object.metadata;
  const name = typeof metadata === 'object' && metadata !== null ? (metadata as Record<string, unknown>).name : undefined;
  return typeof name === 'string' ? name : '';
}

/**
 * `name` with the prefix and suffix the build added to `source` to make `built`. namePrefix puts
 * text before the name, nameSuffix after it; a name changed some other way (a patch, a
 * replacement) says nothing about its neighbours, and `name` stays as it is.
 */
export function withAffixesOf(built: string, source: string, name: string): string {
  if (source === '' || built === source) return name;
  if (built.endsWith(source)) return `${built.slice(0, built.length - source.length)}${name}`;
  if (built.startsWith(source)) return `${name}${built.slice(source.length)}`;
  const at = built.indexOf(source);
  return at < 0 ? name : `${built.slice(0, at)}${name}${built.slice(at + source.length)}`;
}

export function uniqueRefs(refs: readonly ObjectRef[]): ObjectRef[] {
  return [...new Map(refs.map((ref) => [`${ref.namespace}/${ref.name}`, ref])).values()];
}

function uniqueBuilt(entries: readonly BuiltWorkload[]): BuiltWorkload[] {
  return [...new Map(entries.map((entry) => [`${entry.ref.namespace}/${entry.ref.name} ${entry.serviceAccount.namespace}/${entry.serviceAccount.name}`, entry])).values()];
}
