import type { ObjectRef } from '../model/inventory.js';
import { refString } from '../model/inventory.js';
import type { BuiltWorkload } from '../model/plan.js';

/**
 * --render: the service accounts a workload's pods run under in the kustomize builds, where one
 * differs from the source account (`namespace/name`, once each). Tables name the source account,
 * which the edits write; the credentials trust these.
 */
export function builtServiceAccounts(workload: { serviceAccount: ObjectRef; built?: readonly BuiltWorkload[] }): string[] {
  const source = refString(workload.serviceAccount);
  const built = [...new Set((workload.built ?? []).map((entry) => refString(entry.serviceAccount)))];
  return built.some((ref) => ref !== source) ? built : [];
}

/** `name`, and `(built: ...)` after it when the builds name the account otherwise. */
export function withBuiltNames(name: string, built: readonly string[]): string {
  return built.length === 0 ? name : `${name} (built: ${built.join(', ')})`;
}
