/**
 * Service accounts carry `azure.workload.identity/client-id` (and the tenant id when known)
 * (https://azure.github.io/azure-workload-identity/docs/topics/service-account-labels-and-annotations.html).
 * Existing ones are annotated in place; new ones are written beside the first workload that
 * uses them: a new YAML document after it, a new List item, or a new file next to a JSON manifest.
 */
import path from 'node:path';
import { refString, type WorkloadEntry } from '../model/inventory.js';
import type { PlannedServiceAccount } from '../model/plan.js';
import { CLIENT_ID_ANNOTATION, TENANT_ID_ANNOTATION } from '../planner/choose-service-accounts.js';
import type { FileEdit, NewFile, Transformer } from './transform-context.js';
import { documentEdit, setAt } from './transform-context.js';
import type { ManifestDocument } from '../model/document.js';
import { renderBlock } from '../yaml/index.js';

export const annotateServiceAccounts: Transformer = (context) => {
  const declared = new Map(context.inventory.serviceAccounts.map((account) => [refString(account.ref), account]));
  const edits: FileEdit[] = [];
  for (const planned of context.plan.serviceAccounts) {
    const account = declared.get(refString(planned.ref));
    if (planned.action !== 'annotate' || !account) continue;
    for (const [key, value] of Object.entries(annotationsOf(planned))) {
      if (account.annotations[key] !== value) edits.push(setAt(account.doc, ['metadata', 'annotations', key], value));
    }
  }
  return { edits, newFiles: [] };
};

export const createServiceAccounts: Transformer = (context) => {
  const edits: FileEdit[] = [];
  const newFiles: NewFile[] = [];
  for (const planned of context.plan.serviceAccounts) {
    if (planned.action !== 'create') continue;
    const workload = homeFor(planned, context.workloadsByKey);
    if (!workload) continue;
    const doc = workload.doc;
    const manifest = serviceAccountManifest(planned, doc.object.metadata);
    if (doc.json6902) {
      newFiles.push(...kustomizedServiceAccount(doc.json6902.kustomization, manifest, planned, edits, refString(workload.ref)));
    } else if (doc.pathPrefix.length > 0) {
      edits.push({ file: doc.file, edit: { op: 'append', docIndex: doc.docIndex, path: doc.pathPrefix.slice(0, -1), value: manifest } });
    } else if (doc.format === 'json') {
      const file = path.join(path.dirname(doc.file), `${planned.ref.name}-serviceaccount.json`);
      newFiles.push({ file, text: `${JSON.stringify(manifest, null, 2)}\n` });
    } else {
      edits.push(
        documentEdit(doc, { op: 'insert-document-after', docIndex: doc.docIndex, value: manifest, comment: `Service account for Workload ID, added by wimigrate for ${refString(workload.ref)}` }),
      );
    }
  }
  return { edits, newFiles };
};

/**
 * A workload patched by a JSON 6902 patch: the patch holds operations only, so the service
 * account is a new file beside the kustomization, added to its `resources` (kustomize builds
 * only what they name).
 */
function kustomizedServiceAccount(kustomization: ManifestDocument, manifest: Record<string, unknown>, planned: PlannedServiceAccount, edits: FileEdit[], workload: string): NewFile[] {
  const name = `${planned.ref.name}-serviceaccount.yaml`;
  const file = path.join(path.dirname(kustomization.file), name);
  edits.push({ file: kustomization.file, edit: { op: 'append', docIndex: kustomization.docIndex, path: [...kustomization.pathPrefix, 'resources'], value: name } });
  return [{ file, text: `# Service account for Workload ID, added by wimigrate for ${workload}\n${renderBlock(manifest, '\n')}` }];
}

/**
 * The workload the new service account is written beside: the first (by file) whose file can
 * simply take another YAML document; a List or a JSON file only when no such file exists.
 */
function homeFor(planned: PlannedServiceAccount, workloadsByKey: ReadonlyMap<string, WorkloadEntry>): WorkloadEntry | undefined {
  const rank = (workload: WorkloadEntry) => (workload.doc.json6902 ? 3 : workload.doc.format === 'json' ? 2 : workload.doc.pathPrefix.length > 0 ? 1 : 0);
  return [...planned.workloads]
    .sort()
    .map((key) => workloadsByKey.get(key))
    .filter((workload): workload is WorkloadEntry => workload !== undefined)
    .sort((a, b) => rank(a) - rank(b))[0];
}

function annotationsOf(planned: PlannedServiceAccount): Record<string, string> {
  return planned.tenantId
    ? { [CLIENT_ID_ANNOTATION]: planned.clientId, [TENANT_ID_ANNOTATION]: planned.tenantId }
    : { [CLIENT_ID_ANNOTATION]: planned.clientId };
}

/** Keeps the namespace field only when the workload's manifest states one (kustomize may set it). */
function serviceAccountManifest(planned: PlannedServiceAccount, workloadMetadata: unknown): Record<string, unknown> {
  const statesNamespace = typeof workloadMetadata === 'object' && workloadMetadata !== null && 'namespace' in workloadMetadata;
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: {
      name: planned.ref.name,
      ...(statesNamespace ? { namespace: planned.ref.namespace } : {}),
      annotations: annotationsOf(planned),
    },
  };
}
