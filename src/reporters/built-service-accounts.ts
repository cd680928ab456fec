import type { ObjectRef } from '../model/inventory.js';
import { refString } from '../model/inventory.js';
import type { BuiltWorkload } from '../model/plan.js';

/**
 * --render: the service accounts a workload's pods run under in the kustomize builds, where one
 * differs from the source account (`namespace/name`, once each). Tables name the source account,
 * which the edits write; the credentials trust these.
 */
export function builtServiceAccounts(workload: { serviceAccount: ObjectRef; built?: readonly BuiltWorkload[] }): string[] {
  return builtRefs(workload.serviceAccount, (workload.built ?? []).map((entry) => entry.serviceAccount));
}

/** The builds' names of an object (`namespace/name`, once each), or none when they are its source name. */
export function builtRefs(source: ObjectRef, built: readonly ObjectRef[]): string[] {
  const names = [...new Set(built.map(refString))];
  return names.some((name) => name !== refString(source)) ? names : [];
}

/** `name`, and `(built: ...)` after it when the builds name the account otherwise. */
export function withBuiltNames(name: string, built: readonly string[]): string {
  return built.length === 0 ? name : `${name} (built: ${built.join(', ')})`;
}
