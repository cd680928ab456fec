// EKS IRSA and the other shapes real repositories keep identities in (DESIGN.md section 4):
// service accounts annotated with eks.amazonaws.com/role-arn (sometimes with token expiration
// and audience), Helm values files that set the role or the pod identity label, and kustomize
// overlays that set a namespace and patch a service account.
import { inlineComment, quoted } from './style.mjs';

/** @typedef {import('./prng.mjs').Rng} Rng */

/** @param {Rng} rng @param {string} name @param {string} namespace @param {string} account */
export function irsaServiceAccount(rng, name, namespace, account) {
  const extra = [
    rng.chance(0.3) ? `\n    eks.amazonaws.com/sts-regional-endpoints: ${quoted(rng, 'true')}` : '',
    rng.chance(0.15) ? `\n    eks.amazonaws.com/token-expiration: ${quoted(rng, String(rng.pick([600, 3600, 86400])))}` : '',
  ].join('');
  return `apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${name}
  namespace: ${namespace}
  annotations:
    eks.amazonaws.com/role-arn: arn:aws:iam::${account}:role/${namespace}-${name}${inlineComment(rng, 0.3, ['IRSA', 'role managed in terraform'])}${extra}
`;
}

/**
 * Helm values of one app: the chart's usual settings, and either an IRSA role on the service
 * account or the pod identity label in podLabels.
 * @param {Rng} rng @param {string} app @param {{ roleArn?: string, selector?: string }} identity
 */
export function valuesFile(rng, app, identity) {
  const annotations = identity.roleArn ? `\n  annotations:\n    eks.amazonaws.com/role-arn: ${identity.roleArn}` : '';
  const podLabels = identity.selector ? `\npodLabels:\n  aadpodidbinding: ${quoted(rng, identity.selector)}\n  team: ${app.split('-')[0]}` : `\npodLabels:\n  team: ${app.split('-')[0]}`;
  return `# Values for ${app}; the chart comes from the platform repository
replicaCount: ${1 + rng.int(4)}
image:
  repository: myregistry.azurecr.io/${app}
  tag: "1.${rng.int(40)}.${rng.int(10)}"
  pullPolicy: IfNotPresent

serviceAccount:
  create: true
  name: ${app}${annotations}
${podLabels}
podAnnotations:
  prometheus.io/scrape: "true"

resources:
  requests:
    cpu: ${50 + 50 * rng.int(4)}m
    memory: ${128 * (1 + rng.int(4))}Mi
  limits:
    memory: ${256 * (1 + rng.int(4))}Mi

ingress:
  enabled: ${rng.chance(0.5)}
  hosts:
    - host: ${app}.contoso.com
      paths: ["/"]
`;
}

/** A kustomization that sets the namespace of what it builds and patches a service account. @param {string} namespace @param {string[]} resources */
export function kustomization(namespace, resources) {
  return `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: ${namespace}
resources:
${resources.map((file) => `  - ${file}`).join('\n')}
patches:
  - path: service-account-patch.yaml
`;
}

/** The patch: a partial ServiceAccount adding the IRSA role. @param {string} name @param {string} roleArn */
export function serviceAccountPatch(name, roleArn) {
  return `apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${name}
  annotations:
    eks.amazonaws.com/role-arn: ${roleArn}
`;
}
