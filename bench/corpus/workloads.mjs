// Workload documents (Deployment, StatefulSet, DaemonSet, CronJob): the ones that carry a pod
// template, so the ones whose labels a migration edits. Bodies look like real charts' output:
// probes, resources, env, security context, comments and blank lines in various places.
import { blankLine, indent, inlineComment, quoted } from './style.mjs';

/** @typedef {import('./prng.mjs').Rng} Rng */

/**
 * @typedef {object} WorkloadOptions
 * @property {string} name
 * @property {string} namespace
 * @property {string} [selector] value of the aadpodidbinding label, if any
 * @property {boolean} [selectorInMatchLabels] the label also sits in the immutable spec.selector
 * @property {string} [serviceAccount] a non-default serviceAccountName
 */

const LABEL_COMMENTS = ['pod identity', 'bound by AzureIdentityBinding', 'TODO: move to workload identity', 'needed for Key Vault access'];
const ENV_NAMES = ['LOG_LEVEL', 'ASPNETCORE_ENVIRONMENT', 'NODE_ENV', 'FEATURE_CACHE', 'OTEL_SERVICE_NAME', 'KEYVAULT_NAME'];

/**
 * The pod template at column 0, starting with `metadata:`.
 * @param {Rng} rng
 * @param {WorkloadOptions} o
 * @param {string} extraLabel a label line (without indent) other than the app name, or ''
 */
function podTemplate(rng, o, extraLabel) {
  const podIdentity = o.selector
    ? `\n    aadpodidbinding: ${quoted(rng, o.selector)}${inlineComment(rng, 0.3, LABEL_COMMENTS)}`
    : rng.chance(0.03)
      ? '\n    # aadpodidbinding: legacy-identity  (removed, kept for reference)'
      : '';
  const annotations = rng.chance(0.6)
    ? `\n  annotations:\n    prometheus.io/scrape: "true"\n    prometheus.io/port: ${rng.pick(['"9090"', "'9090'"])}`
    : '';
  const serviceAccount = o.serviceAccount ? `\n  serviceAccountName: ${o.serviceAccount}` : '';
  const env = Array.from({ length: 1 + rng.int(4) }, (_, i) => {
    const key = ENV_NAMES[(i + rng.int(ENV_NAMES.length)) % ENV_NAMES.length];
    return `        - name: ${key}\n          value: ${quoted(rng, `${o.name}-${i}`)}`;
  }).join('\n');
  const security = rng.chance(0.4)
    ? `\n  securityContext:\n    runAsNonRoot: true\n    runAsUser: ${1000 + rng.int(9000)}\n    fsGroup: 2000`
    : '';
  const probes = rng.chance(0.5)
    ? `\nreadinessProbe:\n  httpGet:\n    path: /healthz\n    port: http\n  periodSeconds: 10\nlivenessProbe:\n  httpGet:\n    path: /livez\n    port: http\n  initialDelaySeconds: ${5 + rng.int(30)}`
    : '';
  return `metadata:
  labels:
    app.kubernetes.io/name: ${o.name}${extraLabel ? `\n    ${extraLabel}` : ''}${podIdentity}${annotations}
spec:${serviceAccount}${security}${security ? blankLine(rng, 0.5) : ''}
  containers:
    - name: ${rng.pick(['app', 'api', 'worker', o.name])}
      image: myregistry.azurecr.io/${o.namespace}/${o.name}:1.${rng.int(40)}.${rng.int(10)}${inlineComment(rng, 0.15, ['pinned by renovate', 'do not bump before the migration'])}
      imagePullPolicy: IfNotPresent
      ports:
        - name: http
          containerPort: 8080
          protocol: TCP
      env:
${env}
      resources:
        requests:
          cpu: ${rng.pick(['50m', '100m', '250m', '500m'])}
          memory: ${rng.pick(['64Mi', '128Mi', '256Mi', '512Mi'])}
        limits:
          memory: ${rng.pick(['256Mi', '512Mi', '1Gi'])}${indent(probes, 6)}`;
}

/**
 * A Deployment, StatefulSet or DaemonSet.
 * @param {Rng} rng
 * @param {'Deployment' | 'StatefulSet' | 'DaemonSet'} kind
 * @param {WorkloadOptions} o
 */
export function workload(rng, kind, o) {
  const header = rng.chance(0.5) ? `# ${kind} ${o.name}: owned by ${o.namespace}\n` : '';
  const replicas = kind === 'DaemonSet' ? '' : `\n  replicas: ${rng.pick([1, 2, 3, 5])}${inlineComment(rng, 0.2, ['scaled by the HPA below', 'keep >= 2 for PDB'])}`;
  const serviceName = kind === 'StatefulSet' ? `\n  serviceName: ${o.name}-headless` : '';
  const matchIdentity = o.selector && o.selectorInMatchLabels ? `\n      aadpodidbinding: ${o.selector}` : '';
  const version = rng.chance(0.4) ? `\n    app.kubernetes.io/version: "1.${rng.int(20)}.0"` : '';
  return `${header}apiVersion: apps/v1
kind: ${kind}
metadata:
  name: ${o.name}
  namespace: ${o.namespace}
  labels:
    app.kubernetes.io/name: ${o.name}
    app.kubernetes.io/part-of: ${quoted(rng, o.namespace)}${version}
spec:${replicas}${serviceName}
  selector:
    matchLabels:
      app.kubernetes.io/name: ${o.name}${matchIdentity}${blankLine(rng, 0.3)}
  template:
${indent(podTemplate(rng, o, ''), 4)}
`;
}

/**
 * A batch/v1 CronJob; its pod template sits under spec.jobTemplate.spec.template.
 * @param {Rng} rng
 * @param {WorkloadOptions} o
 */
export function cronJob(rng, o) {
  const header = rng.chance(0.5) ? `# nightly job for ${o.namespace}\n` : '';
  const schedule = `${rng.int(60)} ${rng.int(24)} * * ${rng.pick(['*', '1-5', '0'])}`;
  return `${header}apiVersion: batch/v1
kind: CronJob
metadata:
  name: ${o.name}
  namespace: ${o.namespace}
spec:
  schedule: "${schedule}"
  concurrencyPolicy: Forbid
  successfulJobsHistoryLimit: 3
  jobTemplate:
    spec:
      backoffLimit: 2
      template:
${indent(podTemplate(rng, o, `job: ${o.name}`), 8)}
${' '.repeat(10)}restartPolicy: OnFailure
`;
}
