// Deterministic synthetic GitOps monorepo for the benchmark: multi-document YAML files of about
// 20 documents, mixed kinds with comments, about 10% of documents about pod identity.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Small seeded PRNG (mulberry32): the same seed always gives the same corpus. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (next, length) => Array.from({ length }, () => Math.floor(next() * 16).toString(16)).join('');
const guid = (next) => `${hex(next, 8)}-${hex(next, 4)}-4${hex(next, 3)}-a${hex(next, 3)}-${hex(next, 12)}`;

function deployment(name, namespace, { selector, serviceAccount, kind = 'Deployment' } = {}) {
  const label = selector ? `\n        aadpodidbinding: ${selector}  # pod identity` : '';
  const sa = serviceAccount ? `\n      serviceAccountName: ${serviceAccount}` : '';
  const extra = kind === 'StatefulSet' ? `\n  serviceName: ${name}` : '';
  return `# ${kind} ${name}: owned by team ${namespace}
apiVersion: apps/v1
kind: ${kind}
metadata:
  name: ${name}
  namespace: ${namespace}
  labels:
    app.kubernetes.io/name: ${name}
    app.kubernetes.io/part-of: ${namespace}
spec:
  replicas: 2${extra}
  selector:
    matchLabels:
      app.kubernetes.io/name: ${name}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${name}${label}
      annotations:
        prometheus.io/scrape: "true"
    spec:${sa}
      containers:
        - name: app
          image: myregistry.azurecr.io/${namespace}/${name}:1.${name.length}.0
          ports:
            - containerPort: 8080
          env:
            - name: LOG_LEVEL
              value: info
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits: {memory: 256Mi}
`;
}

function cronJob(name, namespace, selector) {
  const label = selector ? `\n            aadpodidbinding: ${selector}` : '';
  return `apiVersion: batch/v1
kind: CronJob
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  schedule: "15 2 * * *"
  jobTemplate:
    spec:
      template:
        metadata:
          labels:
            job: ${name}${label}
        spec:
          restartPolicy: OnFailure
          containers:
            - name: job
              image: myregistry.azurecr.io/${namespace}/${name}:2.0.1
              args: ["--once"]
`;
}

const service = (name, namespace) => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  selector:
    app.kubernetes.io/name: ${name}
  ports:
    - port: 80
      targetPort: 8080
`;

const configMap = (name, namespace) => `# Settings for ${name}
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}-config
  namespace: ${namespace}
data:
  FEATURE_FLAGS: "checkout,search"
  settings.json: |
    {"retries": 3, "timeoutSeconds": 30}
`;

const ingress = (name, namespace) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  rules:
    - host: ${name}.${namespace}.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: ${name}
                port:
                  number: 80
`;

const hpa = (name, namespace) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${name}}
  minReplicas: 2
  maxReplicas: 10
  metrics:
    - type: Resource
      resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
`;

const serviceAccount = (name, namespace) => `apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${name}
  namespace: ${namespace}
`;

const azureIdentity = (name, namespace, next) => `apiVersion: aadpodidentity.k8s.io/v1
kind: AzureIdentity
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  type: 0
  resourceID: /subscriptions/${guid(next)}/resourcegroups/rg-${namespace}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-${name}
  clientID: ${guid(next)}
`;

const binding = (name, namespace, selector) => `apiVersion: aadpodidentity.k8s.io/v1
kind: AzureIdentityBinding
metadata:
  name: ${name}-binding
  namespace: ${namespace}
spec:
  azureIdentity: ${name}
  selector: ${selector}
`;

/**
 * Writes `docs` documents under `out` and returns what was written. Each file belongs to one
 * app of one team; pod identity documents make up about 10% of the total.
 */
export function generateCorpus({ docs = 20000, out, seed = 42 }) {
  const next = random(seed);
  rmSync(out, { recursive: true, force: true });
  let written = 0;
  let files = 0;
  let podIdentityDocs = 0;
  const docsPerFile = 20;
  for (let fileIndex = 0; written < docs; fileIndex++) {
    const team = `team-${fileIndex % 40}`;
    const env = ['dev', 'staging', 'prod'][fileIndex % 3];
    const app = `app-${fileIndex}`;
    const documents = [];
    // One identity for every two files, bound to one selector; the first workload of both files
    // (and sometimes a CronJob) use it, so matching crosses files as in real repositories.
    // About 2.3 documents out of 20 are about pod identity.
    const selector = `app-${fileIndex - (fileIndex % 2)}`;
    if (fileIndex % 2 === 0) {
      const identityName = `${app}-identity`;
      documents.push(azureIdentity(identityName, team, next), binding(identityName, team, selector));
      podIdentityDocs += 2;
    }
    while (documents.length < docsPerFile && written + documents.length < docs) {
      const kindRoll = next();
      const name = `${app}-svc${documents.length}`;
      const first = fileIndex % 2 === 0 ? 2 : 0;
      if (documents.length === first) {
        documents.push(deployment(name, team, { selector, serviceAccount: next() < 0.3 ? `${name}-sa` : undefined }));
        podIdentityDocs++;
      } else if (documents.length === first + 1 && next() < 0.3) {
        documents.push(cronJob(`${app}-nightly`, team, next() < 0.9 ? selector : `${app}-missing`));
        podIdentityDocs++;
      } else if (kindRoll < 0.2) documents.push(deployment(name, team, { serviceAccount: next() < 0.2 ? `${name}-sa` : undefined }));
      else if (kindRoll < 0.35) documents.push(service(name, team));
      else if (kindRoll < 0.55) documents.push(configMap(name, team));
      else if (kindRoll < 0.65) documents.push(serviceAccount(`${name}-sa`, team));
      else if (kindRoll < 0.75) documents.push(ingress(name, team));
      else if (kindRoll < 0.85) documents.push(hpa(name, team));
      else if (kindRoll < 0.93) documents.push(cronJob(name, team));
      else documents.push(deployment(name, team, { kind: 'StatefulSet' }));
    }
    const folder = path.join(out, 'clusters', env, team, app);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'manifests.yaml'), `# ${app} (${env})\n${documents.join('---\n')}`);
    written += documents.length;
    files++;
  }
  return { docs: written, files, podIdentityDocs };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const index = args.indexOf(name);
    return index === -1 ? fallback : args[index + 1];
  };
  const result = generateCorpus({ docs: Number(option('--docs', 20000)), out: option('--out', 'bench/.work/corpus'), seed: Number(option('--seed', 42)) });
  console.log(JSON.stringify(result));
}
