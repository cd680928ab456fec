/**
 * The matching rules of aad-pod-identity's MIC
 * (https://azure.github.io/aad-pod-identity/docs/configure/match_pods_in_namespace/):
 * a binding's `selector` equals the pod label `aadpodidbinding` exactly; its `azureIdentity`
 * names an AzureIdentity in the binding's namespace; by default a binding matches labelled
 * pods in ANY namespace; an identity annotated `aadpodidentity.k8s.io/Behavior: namespaced`
 * (or every identity, when MIC runs with --forceNamespaced) only matches pods in its own
 * namespace. Several bindings with one selector give a pod several identities.
 */
import type { AzureIdentityBindingEntry, AzureIdentityEntry, IdentityAssignment, Inventory, WorkloadEntry } from '../model/inventory.js';
import { refString } from '../model/inventory.js';
import type { AnalyzerOptions } from './analyzer-options.js';

export const POD_IDENTITY_LABEL = 'aadpodidbinding';
/** The pod label that makes the Workload ID webhook act on a pod. */
export const WORKLOAD_IDENTITY_USE_LABEL = 'azure.workload.identity/use';

export function identityOfBinding(
  binding: AzureIdentityBindingEntry,
  identitiesByRef: ReadonlyMap<string, AzureIdentityEntry>,
): AzureIdentityEntry | undefined {
  // A templated identity name is unknown until rendered (see matchBindings).
  if (binding.identityName === null || binding.identityName.includes('{{')) return undefined;
  return identitiesByRef.get(refString({ namespace: binding.ref.namespace, name: binding.identityName }));
}

export function indexIdentities(identities: readonly AzureIdentityEntry[]): Map<string, AzureIdentityEntry> {
  return new Map(identities.map((identity) => [refString(identity.ref), identity]));
}

/** Whether a binding applies to a workload in its namespace, given the identity's mode. */
export function bindingReaches(
  binding: AzureIdentityBindingEntry,
  identity: AzureIdentityEntry,
  workload: WorkloadEntry,
  options: AnalyzerOptions,
): boolean {
  const namespaced = options.forceNamespaced || identity.namespaced;
  return !namespaced || workload.ref.namespace === binding.ref.namespace;
}

export function matchBindings(inventory: Pick<Inventory, 'identities' | 'bindings' | 'workloads'>, options: AnalyzerOptions): IdentityAssignment[] {
  const identitiesByRef = indexIdentities(inventory.identities);
  const bindingsBySelector = new Map<string, AzureIdentityBindingEntry[]>();
  for (const binding of inventory.bindings) {
    // A templated selector (`{{ .Values.selector }}`) is unknown until rendered: equal template
    // text in two charts need not render equal, so it matches nothing.
    if (binding.selector === null || binding.selector.includes('{{')) continue;
    const list = bindingsBySelector.get(binding.selector) ?? [];
    list.push(binding);
    bindingsBySelector.set(binding.selector, list);
  }

  const assignments: IdentityAssignment[] = [];
  for (const workload of inventory.workloads) {
    const selector = workload.podLabels[POD_IDENTITY_LABEL];
    if (selector === undefined) continue;
    const seen = new Set<string>();
    for (const binding of bindingsBySelector.get(selector) ?? []) {
      const identity = identityOfBinding(binding, identitiesByRef);
      if (!identity || !bindingReaches(binding, identity, workload, options)) continue;
      const key = refString(identity.ref);
      if (seen.has(key)) continue; // two bindings of one identity to one selector: still one identity
      seen.add(key);
      assignments.push({ workload, identity, binding });
    }
  }
  return assignments.sort(compareAssignments);
}

function compareAssignments(a: IdentityAssignment, b: IdentityAssignment): number {
  return (
    compareText(a.workload.doc.file, b.workload.doc.file) ||
    a.workload.doc.docIndex - b.workload.doc.docIndex ||
    compareText(a.workload.doc.pathPrefix.join('/'), b.workload.doc.pathPrefix.join('/')) ||
    compareText(refString(a.identity.ref), refString(b.identity.ref))
  );
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
