/**
 * Owner references walked to the top: a pod belongs to a ReplicaSet that belongs to a
 * Deployment, a Job to a CronJob. Only the top owner is analyzed and migrated; a chain that ends
 * at a kind wimigrate does not read (an Argo Rollout, an operator's custom resource) is reported
 * and the run goes on.
 * https://kubernetes.io/docs/concepts/overview/working-with-objects/owners-dependents/
 */
import type { Finding } from '../../model/finding.js';
import { clusterFinding } from './cluster-findings.js';
import { clusterLocation, clusterRef } from './live-document.js';

/** Workload objects by uid. */
export type OwnerIndex = ReadonlyMap<string, Record<string, unknown>>;

export interface TopOwner {
  kind: string;
  namespace: string;
  name: string;
  ref: string;
  /** False when the chain ends at an owner that was not read (unknown kind, or not listed). */
  known: boolean;
}

interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
}

export interface OwnerWalk {
  top: Map<string, TopOwner>;
  /** Objects whose controller was read: they change through it. */
  controlled: Set<string>;
  /** Objects whose controller was not read: neither analyzed nor migrated. */
  orphaned: Set<string>;
  findings: Finding[];
}

export function topOwners(index: OwnerIndex, context: string): OwnerWalk {
  const walk: OwnerWalk = { top: new Map(), controlled: new Set(), orphaned: new Set(), findings: [] };
  const reported = new Set<string>();
  const resolve = (uid: string, seen: Set<string>): TopOwner => {
    const cached = walk.top.get(uid);
    if (cached) return cached;
    const item = index.get(uid)!;
    const meta = (item.metadata ?? {}) as { name?: string; namespace?: string };
    const namespace = meta.namespace ?? '';
    const self: TopOwner = { kind: String(item.kind), namespace, name: meta.name ?? '', ref: clusterRef(context, namespace, String(item.kind), meta.name ?? ''), known: true };
    const owner = controllerOf(item);
    let top = self;
    if (owner && !seen.has(owner.uid)) {
      if (index.has(owner.uid)) {
        walk.controlled.add(uid);
        top = resolve(owner.uid, new Set([...seen, uid]));
      } else {
        walk.orphaned.add(uid);
        top = { kind: owner.kind, namespace, name: owner.name, ref: clusterRef(context, namespace, owner.kind, owner.name), known: false };
        if (!reported.has(owner.uid)) {
          reported.add(owner.uid);
          walk.findings.push(
            clusterFinding(
              'cluster-unknown-owner',
              `${self.kind} ${namespace}/${self.name} is controlled by ${owner.kind} ${owner.name} (${owner.apiVersion}), which wimigrate did not read; it and what it owns were left out`,
              clusterLocation(self.ref),
            ),
          );
        }
      }
    }
    walk.top.set(uid, top);
    return top;
  };
  for (const uid of index.keys()) resolve(uid, new Set([uid]));
  return walk;
}

function controllerOf(item: Record<string, unknown>): OwnerReference | null {
  const refs = ((item.metadata ?? {}) as { ownerReferences?: unknown }).ownerReferences;
  if (!Array.isArray(refs)) return null;
  const controller = refs.find((ref) => (ref as { controller?: unknown }).controller === true) as Partial<OwnerReference> | undefined;
  if (!controller || typeof controller.uid !== 'string') return null;
  return { apiVersion: String(controller.apiVersion ?? ''), kind: String(controller.kind ?? ''), name: String(controller.name ?? ''), uid: controller.uid };
}
