/**
 * Pods that ran under an IRSA service account (DESIGN §4, §5): EKS mutated them all, Workload ID
 * only those labelled `azure.workload.identity/use: "true"`, so the label goes on every such pod
 * template. Pod annotations carry over: `skip-containers` (EKS separates names with commas,
 * Workload ID with semicolons) and `token-expiration` (clamped to 3600-86400 s). At cutover the
 * `eks.amazonaws.com/` pod annotations and the hard-coded AWS web identity env go.
 */
import { IRSA_PREFIX } from '../analyzers/inventory/read-irsa.js';
import { WORKLOAD_IDENTITY_USE_LABEL } from '../analyzers/match-bindings.js';
import { valueAt } from '../analyzers/object-fields.js';
import type { NodePath } from '../model/document.js';
import type { WorkloadEntry } from '../model/inventory.js';
import { clampTokenExpiration } from '../planner/token-expiration.js';
import { TOKEN_EXPIRATION_ANNOTATION } from './irsa-service-accounts.js';
import { deleteAt, editsOnly, type FileEdit, setAt, type Transformer } from './transform-context.js';

export const SKIP_CONTAINERS_ANNOTATION = 'azure.workload.identity/skip-containers';
const EKS_SKIP_CONTAINERS = `${IRSA_PREFIX}skip-containers`;
const EKS_TOKEN_EXPIRATION = `${IRSA_PREFIX}token-expiration`;

export const migrateIrsaWorkloads: Transformer = (context) => {
  const edits: FileEdit[] = [];
  for (const planned of context.plan.irsaWorkloads) {
    const workload = context.workloadsByKey.get(planned.key);
    if (!workload) continue;
    const pod = (...path: string[]) => [...workload.templatePath, 'metadata', ...path];
    for (const [key, value] of Object.entries(podSettings(workload))) {
      const path = key === WORKLOAD_IDENTITY_USE_LABEL ? pod('labels', key) : pod('annotations', key);
      const current = key === WORKLOAD_IDENTITY_USE_LABEL ? workload.podLabels[key] : workload.podAnnotations[key];
      if (current !== value) edits.push(setAt(workload.doc, path, value));
    }
    if (context.plan.phase !== 'cutover') continue;
    for (const key of [EKS_SKIP_CONTAINERS, EKS_TOKEN_EXPIRATION]) {
      if (key in workload.podAnnotations) edits.push(deleteAt(workload.doc, pod('annotations', key)));
    }
    edits.push(...envDeletions(workload));
  }
  return editsOnly(edits);
};

/** The label and the pod annotations the workload's pods must carry under Workload ID. */
function podSettings(workload: WorkloadEntry): Record<string, string> {
  const settings: Record<string, string> = { [WORKLOAD_IDENTITY_USE_LABEL]: 'true' };
  const skip = workload.podAnnotations[EKS_SKIP_CONTAINERS];
  if (skip !== undefined) {
    settings[SKIP_CONTAINERS_ANNOTATION] = skip
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== '')
      .join(';');
  }
  const expiration = clampTokenExpiration(workload.podAnnotations[EKS_TOKEN_EXPIRATION]).seconds;
  if (expiration !== null) settings[TOKEN_EXPIRATION_ANNOTATION] = String(expiration);
  return settings;
}

/**
 * The hard-coded AWS web identity variables go; a container's whole `env` when nothing else is
 * in it. Later items first, so that each deletion leaves the positions of the others as they were.
 */
function envDeletions(workload: WorkloadEntry): FileEdit[] {
  const spec: NodePath = [...workload.templatePath, 'spec'];
  const byEnv = new Map<string, { envPath: NodePath; items: NodePath[] }>();
  for (const variable of workload.awsWebIdentityEnv) {
    const envPath = variable.path.slice(0, -1);
    const group = byEnv.get(envPath.join('.')) ?? { envPath, items: [] };
    group.items.push(variable.path);
    byEnv.set(envPath.join('.'), group);
  }
  const edits: FileEdit[] = [];
  for (const { envPath, items } of byEnv.values()) {
    const env = valueAt(workload.doc.object, [...spec, ...envPath]);
    if (Array.isArray(env) && env.length === items.length) edits.push(deleteAt(workload.doc, [...spec, ...envPath], false));
    else for (const path of [...items].reverse()) edits.push(deleteAt(workload.doc, [...spec, ...path], false));
  }
  return edits;
}
