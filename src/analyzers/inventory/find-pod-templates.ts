/**
 * Finds the pod template of anything that runs pods. Built-in kinds are known; any other kind
 * with `spec.template` (an Argo Rollout, a Knative Service) or `spec.jobTemplate.spec.template`
 * is handled the same way, since that is where pod-owning custom resources keep it.
 */
import type { ManifestDocument, NodePath } from '../../model/document.js';
import type { WorkloadEntry } from '../../model/inventory.js';
import { namespaceOf, type AnalyzerOptions } from '../analyzer-options.js';
import { asFields, metadataOf, pathOf, stringMapOf, stringOf } from '../object-fields.js';
import { AWS_WEB_IDENTITY_ENV } from './read-irsa.js';

const COMPLETING_KINDS = new Set(['Job', 'CronJob']);
const OS_LABELS = ['kubernetes.io/os', 'beta.kubernetes.io/os'];

export function templatePathOf(doc: ManifestDocument): NodePath | null {
  const object = doc.object;
  if (object.kind === 'Pod') return [];
  if (object.kind === 'PodTemplate') return isPodTemplate(object.template) ? ['template'] : null;
  if (isPodTemplate(pathOf(object, ['spec', 'template']))) return ['spec', 'template'];
  if (isPodTemplate(pathOf(object, ['spec', 'jobTemplate', 'spec', 'template']))) {
    return ['spec', 'jobTemplate', 'spec', 'template'];
  }
  return null;
}

/** A pod template has containers or at least pod metadata; other `template` fields are not ours. */
function isPodTemplate(value: unknown): boolean {
  const template = asFields(value);
  if (!template) return false;
  return Array.isArray(pathOf(template, ['spec', 'containers'])) || asFields(template.metadata) !== null;
}

export function readWorkload(doc: ManifestDocument, templatePath: NodePath, options: AnalyzerOptions): WorkloadEntry {
  const meta = metadataOf(doc.object);
  const template = pathOf(doc.object, templatePath as string[]);
  const podMeta = metadataOf(template);
  const podSpec = asFields(asFields(template)?.spec) ?? {};
  const nodeSelector = stringMapOf(podSpec.nodeSelector);
  // serviceAccount is the deprecated alias the API server still honours when serviceAccountName is unset.
  const serviceAccount = stringOf(podSpec.serviceAccountName) ?? stringOf(podSpec.serviceAccount);
  return {
    ref: { namespace: namespaceOf(meta, options), name: meta.name },
    kind: stringOf(doc.object.kind) ?? '',
    apiVersion: stringOf(doc.object.apiVersion) ?? '',
    doc,
    templatePath,
    podLabels: podMeta.labels,
    podAnnotations: podMeta.annotations,
    selectorLabels: stringMapOf(pathOf(doc.object, ['spec', 'selector', 'matchLabels'])),
    serviceAccountName: serviceAccount && serviceAccount !== 'default' ? serviceAccount : null,
    hostNetwork: podSpec.hostNetwork === true,
    windows: OS_LABELS.some((label) => nodeSelector[label] === 'windows'),
    runsToCompletion: COMPLETING_KINDS.has(String(doc.object.kind)) || templatePath.includes('jobTemplate'),
    secretProviderClasses: secretProviderClassesOf(podSpec.volumes),
    images: imagesOf(podSpec),
    awsWebIdentityEnv: awsWebIdentityEnvOf(podSpec),
  };
}

function containersOf(podSpec: Record<string, unknown>): unknown[] {
  return [podSpec.containers, podSpec.initContainers].flatMap((list) => (Array.isArray(list) ? list : []));
}

function imagesOf(podSpec: Record<string, unknown>): string[] {
  return containersOf(podSpec).flatMap((container) => stringOf(pathOf(container, ['image'])) ?? []);
}

/** The EKS web identity variables set by hand in any container or init container, with their paths in the pod spec. */
function awsWebIdentityEnvOf(podSpec: Record<string, unknown>): { name: string; path: NodePath }[] {
  return (['containers', 'initContainers'] as const).flatMap((field) => {
    const containers = podSpec[field];
    if (!Array.isArray(containers)) return [];
    return containers.flatMap((container, index) => {
      const env = pathOf(container, ['env']);
      if (!Array.isArray(env)) return [];
      return env.flatMap((variable, position) => {
        const name = stringOf(pathOf(variable, ['name'])) ?? '';
        return AWS_WEB_IDENTITY_ENV.includes(name) ? [{ name, path: [field, index, 'env', position] }] : [];
      });
    });
  });
}

/** Names of the SecretProviderClasses mounted through the Secrets Store CSI driver. */
function secretProviderClassesOf(volumes: unknown): string[] {
  if (!Array.isArray(volumes)) return [];
  return volumes.flatMap((volume) => {
    const name = stringOf(pathOf(volume, ['csi', 'volumeAttributes', 'secretProviderClass']));
    return name ? [name] : [];
  });
}
