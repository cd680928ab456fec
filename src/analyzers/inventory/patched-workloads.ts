/**
 * A workload that a JSON 6902 patch describes (read-json6902.ts) is one object with the
 * manifest it patches, when the scanned files hold that manifest (same kind, namespace and
 * name): its pods run under the base's service account unless the patch sets another. Without
 * this, a patch that only adds `aadpodidbinding` would look like pods of the `default` account,
 * and the migration would move them to a new service account (losing the RBAC of theirs).
 */
import { refString, type WorkloadEntry } from '../../model/inventory.js';
import { asFields, pathOf } from '../object-fields.js';

function sameObject(a: WorkloadEntry, b: WorkloadEntry): boolean {
  return a.kind === b.kind && refString(a.ref) === refString(b.ref);
}

/**
 * Links each patched workload to its base (json6902.base: where a new operation can add a key),
 * and gives one that sets no service account its base's; changes the entries (and the patch's
 * own object) in place.
 */
export function inheritServiceAccounts(workloads: readonly WorkloadEntry[]): void {
  for (const patched of workloads) {
    const patch = patched.doc.json6902;
    if (!patch) continue;
    const base = workloads.find((candidate) => !candidate.doc.json6902 && sameObject(candidate, patched));
    if (!base) continue;
    patch.base = base.doc.object;
    if (patched.serviceAccountName !== null || !base.serviceAccountName) continue;
    const podSpec = asFields(pathOf(patched.doc.object, [...patched.templatePath, 'spec'] as string[]));
    if (podSpec && ('serviceAccountName' in podSpec || 'serviceAccount' in podSpec)) continue;
    patched.serviceAccountName = base.serviceAccountName;
    // What the built object has: so no edit sets it again.
    let node = patched.doc.object as Record<string, unknown>;
    for (const key of [...patched.templatePath.map(String), 'spec']) {
      const next = asFields(node[key]) ?? {};
      node[key] = next;
      node = next;
    }
    node.serviceAccountName = base.serviceAccountName;
  }
}

/**
 * The workloads as deployed: a base manifest that a JSON 6902 patch also describes counts once,
 * as the patched workload (which is what runs), when service account users are counted.
 */
export function withoutPatchedBases(workloads: readonly WorkloadEntry[]): WorkloadEntry[] {
  const patched = workloads.filter((workload) => workload.doc.json6902);
  if (patched.length === 0) return [...workloads];
  return workloads.filter((workload) => workload.doc.json6902 || !patched.some((other) => sameObject(other, workload)));
}
