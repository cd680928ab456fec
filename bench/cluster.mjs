// npm run bench, part 2: `wimigrate scan --cluster` against a real kube-apiserver holding 5,000
// pods, 1,000 Deployments and 200 pod identities (200 AzureIdentity + 200 bindings), beside
// `kubectl get` of the same resources as JSON (the same lists, paginated the same way:
// kubectl's --chunk-size 500). Target: wimigrate takes at most 2x kubectl's time. Each command
// runs as a whole process, one at a time; the median of --runs is reported.
//
//   node bench/cluster.mjs [--runs 3] [--pods 5000] [--deployments 1000] [--identities 200]
//
// Needs the binaries of scripts/provision-kube.sh; without them it prints how to get them and
// exits 0 (the file benchmark above still ran).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import ts from 'typescript';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repoDir = path.dirname(benchDir);
const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, pods: { type: 'string', default: '5000' }, deployments: { type: 'string', default: '1000' }, identities: { type: 'string', default: '200' } } });
const RUNS = Number(values.runs);
const PODS = Number(values.pods);
const DEPLOYMENTS = Number(values.deployments);
const IDENTITIES = Number(values.identities);
const NAMESPACES = 20;

// The test helper that starts etcd + kube-apiserver is TypeScript; transpile it (it only
// imports Node built-ins) so the benchmark and the tests start the cluster the same way.
async function loadClusterHelper() {
  const source = readFileSync(path.join(repoDir, 'test/cluster/kube-cluster.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wimigrate-bench-'));
  const file = path.join(dir, 'kube-cluster.mjs');
  writeFileSync(file, outputText);
  const module = await import(pathToFileURL(file).href);
  rmSync(dir, { recursive: true, force: true });
  return module;
}

const helper = await loadClusterHelper();
const binaries = helper.findKubeBinaries();
if (!binaries) {
  console.log(`\nCluster benchmark skipped: no kube-apiserver found; ${helper.PROVISION_HINT}.`);
  process.exit(0);
}

function request(cluster, ca, method, apiPath, body) {
  return new Promise((resolve, reject) => {
    const req = https.request(`${cluster.server}${apiPath}`, { method, ca, headers: { authorization: 'Bearer admin-token', 'content-type': 'application/json' } }, (response) => {
      let text = '';
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => (response.statusCode >= 300 ? reject(new Error(`${method} ${apiPath}: ${response.statusCode} ${text.slice(0, 300)}`)) : resolve(JSON.parse(text))));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

async function inParallel(items, limit, work) {
  let next = 0;
  const results = new Array(items.length);
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  }));
  return results;
}

function clientId(index) {
  return `1b2c3d4e-0000-4000-8000-${String(index).padStart(12, '0')}`;
}

async function populate(cluster) {
  const ca = readFileSync(path.join(cluster.dir, 'ca.crt'));
  const post = (apiPath, body) => request(cluster, ca, 'POST', apiPath, body);
  await cluster.kubectl(['apply', '-f', path.join(repoDir, 'test/cluster/fixtures/pod-identity-crds.yaml')]);
  await cluster.kubectl(['wait', '--for=condition=established', '--timeout=60s', 'crd', '--all']);
  const namespaces = Array.from({ length: NAMESPACES }, (_, index) => `team-${index}`);
  await inParallel(namespaces, 8, (name) => post('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }));
  const ns = (index) => namespaces[index % NAMESPACES];
  await inParallel(Array.from({ length: IDENTITIES }, (_, index) => index), 16, async (index) => {
    await post(`/apis/aadpodidentity.k8s.io/v1/namespaces/${ns(index)}/azureidentities`, {
      apiVersion: 'aadpodidentity.k8s.io/v1', kind: 'AzureIdentity', metadata: { name: `id-${index}`, namespace: ns(index) },
      spec: { type: 0, resourceID: `/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-${index}`, clientID: clientId(index) },
    });
    await post(`/apis/aadpodidentity.k8s.io/v1/namespaces/${ns(index)}/azureidentitybindings`, {
      apiVersion: 'aadpodidentity.k8s.io/v1', kind: 'AzureIdentityBinding', metadata: { name: `id-${index}-binding`, namespace: ns(index) }, spec: { azureIdentity: `id-${index}`, selector: `sel-${index}` },
    });
  });
  // Deployment d uses identity d % IDENTITIES, in that identity's namespace.
  const deployments = await inParallel(Array.from({ length: DEPLOYMENTS }, (_, index) => index), 16, (index) => {
    const identity = index % IDENTITIES;
    const labels = { app: `app-${index}`, aadpodidbinding: `sel-${identity}` };
    return post(`/apis/apps/v1/namespaces/${ns(identity)}/deployments`, {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: `app-${index}`, namespace: ns(identity), labels: { app: `app-${index}` } },
      spec: { replicas: Math.ceil(PODS / DEPLOYMENTS), selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: `registry.example/app-${index}:1.0`, env: [{ name: 'LOG_LEVEL', value: 'info' }], resources: { requests: { cpu: '100m', memory: '128Mi' } } }] } } },
    });
  });
  // No controller manager (quicker): the pods are created directly, owned by their Deployment.
  await inParallel(Array.from({ length: PODS }, (_, index) => index), 16, (index) => {
    const deployment = deployments[index % DEPLOYMENTS];
    const { name, namespace, uid } = deployment.metadata;
    return post(`/api/v1/namespaces/${namespace}/pods`, {
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name: `${name}-${index}`, namespace, labels: deployment.spec.template.metadata.labels, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name, uid, controller: true }] },
      spec: deployment.spec.template.spec,
    });
  });
}

function timed(command, args, env) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function median(numbers) {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const started = Date.now();
const cluster = await helper.startCluster(binaries, { controllerManager: false });
try {
  await populate(cluster);
  console.log(`\nCluster benchmark: ${PODS} pods, ${DEPLOYMENTS} Deployments, ${IDENTITIES} AzureIdentity + ${IDENTITIES} bindings in ${NAMESPACES} namespaces (set up in ${((Date.now() - started) / 1000).toFixed(1)} s); median of ${RUNS} runs`);
  const env = { KUBECONFIG: cluster.kubeconfig };
  // What wimigrate lists, as kubectl would: the labelled pods, then every other kind (all
  // namespaces, chunks of 500 like wimigrate's pages).
  const kubectlKinds = 'serviceaccounts,replicationcontrollers,deployments.apps,statefulsets.apps,daemonsets.apps,replicasets.apps,jobs.batch,cronjobs.batch,azureidentities.aadpodidentity.k8s.io,azureidentitybindings.aadpodidentity.k8s.io,azurepodidentityexceptions.aadpodidentity.k8s.io,azureassignedidentities.aadpodidentity.k8s.io';
  const wimigrate = [];
  const kubectl = [];
  let check = null;
  for (let run = 0; run < RUNS; run++) {
    const scan = timed(process.execPath, [path.join(repoDir, 'dist/bin/wimigrate.js'), 'scan', '--cluster', '-f', 'json', '-q'], env);
    if (scan.status !== 0 && scan.status !== 1) throw new Error(`wimigrate scan --cluster failed (${scan.status}): ${scan.stderr}`);
    check ??= JSON.parse(scan.stdout);
    wimigrate.push(scan.ms);
    const pods = timed('kubectl', ['get', 'pods', '-A', '-l', 'aadpodidbinding', '-o', 'json', '--chunk-size=500'], env);
    const rest = timed('kubectl', ['get', kubectlKinds, '-A', '-o', 'json', '--chunk-size=500'], env);
    if (pods.status !== 0 || rest.status !== 0) throw new Error(`kubectl failed: ${pods.stderr}${rest.stderr}`);
    kubectl.push(pods.ms + rest.ms);
  }
  const podCount = check.cluster.kinds.find((kind) => kind.kind === 'Pod').count;
  if (podCount !== PODS || check.summary.identities !== IDENTITIES || check.inventory.workloads.length !== DEPLOYMENTS) {
    throw new Error(`scan read ${podCount} pods, ${check.summary.identities} identities, ${check.inventory.workloads.length} workloads`);
  }
  const a = median(wimigrate);
  const b = median(kubectl);
  const ratio = a / b;
  console.log(`  wimigrate scan --cluster (read, analyze, plan, report)  ${(a / 1000).toFixed(2)} s   [${wimigrate.map((ms) => (ms / 1000).toFixed(2)).join(', ')}]`);
  console.log(`  kubectl get ... -o json (the same lists)                ${(b / 1000).toFixed(2)} s   [${kubectl.map((ms) => (ms / 1000).toFixed(2)).join(', ')}]`);
  const ids = {};
  for (const finding of check.findings) ids[finding.id] = (ids[finding.id] ?? 0) + 1;
  console.log(`  ratio ${ratio.toFixed(2)}x (target <= 2x): ${ratio <= 2 ? "PASS" : "FAIL"}; ${check.plan.federatedCredentials.length} federated credentials planned; findings ${JSON.stringify(ids)}`);
} finally {
  await cluster.stop();
}
