// Writes a deterministic synthetic GitOps monorepo for the benchmark:
//   clusters/<env>/<team>/<app>/<file>.yaml, multi-document files of about 20 documents.
// About 10% of documents are about identities: in three of four app-folder pairs, pod identity
// (an AzureIdentity and its binding, labelled workloads in both folders, so matching crosses
// files as it does in real repositories); in the fourth, EKS IRSA (an annotated service account
// and the workload under it). Every tenth folder also has a Helm values file, every fifteenth a
// kustomize overlay (kustomization.yaml and a service account patch). Same options, same bytes
// (seeded PRNG, fixed iteration order).
//
//   node bench/generate-corpus.mjs [--docs 20000] [--out bench/.work/corpus] [--seed 42]
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createRng } from './corpus/prng.mjs';
import { azureIdentity, azureIdentityBinding } from './corpus/pod-identity.mjs';
import { irsaServiceAccount, kustomization, serviceAccountPatch, valuesFile } from './corpus/irsa.mjs';
import { configMap, hpa, ingress, namespaceDoc, podDisruptionBudget, service, serviceAccount } from './corpus/resources.mjs';
import { cronJob, workload } from './corpus/workloads.mjs';

/** @typedef {import('./corpus/prng.mjs').Rng} Rng */
/** @typedef {{ docs: number, files: number, podIdentityDocs: number, bytes: number }} CorpusSummary */

// Left in the output folder so a later run may safely delete it (and nothing else).
const MARKER = '.bench-corpus';
const ENVS = ['dev', 'staging', 'prod'];
const TEAMS = ['payments', 'checkout', 'search', 'identity', 'catalog', 'orders', 'shipping', 'billing', 'platform', 'analytics', 'notifications', 'reviews'];
const APPS = ['api', 'worker', 'web', 'gateway', 'indexer', 'scheduler', 'sync', 'exporter'];
const FILE_NAMES = ['manifests.yaml', 'workloads.yaml', 'all.yml', 'app.yaml'];

/**
 * One filler document: the unremarkable majority of a repository.
 * @param {Rng} rng
 * @param {string} name
 * @param {string} ns
 */
function fillerDocument(rng, name, ns) {
  const roll = rng.next();
  if (roll < 0.18) return workload(rng, 'Deployment', { name, namespace: ns, serviceAccount: rng.chance(0.2) ? `${name}-sa` : undefined });
  if (roll < 0.33) return service(rng, name, ns);
  if (roll < 0.5) return configMap(rng, name, ns);
  if (roll < 0.58) return serviceAccount(rng, `${name}-sa`, ns);
  if (roll < 0.66) return ingress(rng, name, ns);
  if (roll < 0.76) return hpa(rng, name, ns);
  if (roll < 0.82) return podDisruptionBudget(rng, name, ns);
  if (roll < 0.9) return cronJob(rng, { name: `${name}-cleanup`, namespace: ns });
  if (roll < 0.96) return workload(rng, 'StatefulSet', { name, namespace: ns });
  if (roll < 0.98) return workload(rng, 'DaemonSet', { name, namespace: ns });
  return namespaceDoc(rng, ns);
}

/**
 * The pod-identity documents of one file, and the ServiceAccount a labelled workload runs under
 * when it is declared beside it. The first file of a pair declares the identity and its binding;
 * both files carry a workload labelled with the binding's selector (5% use a selector no binding
 * declares), sometimes a labelled CronJob, and 30% of the labelled Deployments run under a
 * non-default service account.
 * @param {Rng} rng
 * @param {{ fileIndex: number, pair: number, team: string, app: string, ns: string, subscription: string }} f
 * @returns {{ identityDocs: string[], serviceAccounts: string[] }}
 */
function podIdentityDocuments(rng, { fileIndex, pair, team, app, ns, subscription }) {
  if (pair % 4 === 3) return irsaDocuments(rng, { app, ns });
  const identity = `id-${team}-${pair}`;
  const selector = `${team}-${pair}-reader`;
  const identityDocs = [];
  const serviceAccounts = [];
  if (fileIndex % 2 === 0) identityDocs.push(azureIdentity(rng, identity, ns, subscription), azureIdentityBinding(rng, identity, ns, selector));
  const label = rng.chance(0.05) ? `${app}-unbound` : selector;
  const kindRoll = rng.next();
  const kind = kindRoll < 0.75 ? 'Deployment' : kindRoll < 0.9 ? 'StatefulSet' : 'DaemonSet';
  const sa = kind === 'Deployment' && rng.chance(0.3) ? `${app}-runner` : undefined;
  if (sa && rng.chance(0.5)) serviceAccounts.push(serviceAccount(rng, sa, ns));
  identityDocs.push(workload(rng, kind, { name: `${app}-main`, namespace: ns, selector: label, selectorInMatchLabels: rng.chance(0.08), serviceAccount: sa }));
  if (rng.chance(0.1)) identityDocs.push(cronJob(rng, { name: `${app}-nightly`, namespace: ns, selector }));
  return { identityDocs, serviceAccounts };
}

/**
 * The files beside an app's manifests in some folders: a Helm values file (IRSA role or pod
 * identity label), or a kustomize overlay that sets the namespace and patches the service account.
 * @param {Rng} rng
 * @param {{ fileIndex: number, pair: number, team: string, app: string, ns: string, fileName: string }} f
 * @returns {[string, string][]}
 */
function extraFiles(rng, { fileIndex, pair, team, app, ns, fileName }) {
  const files = [];
  const roleArn = `arn:aws:iam::${AWS_ACCOUNT}:role/${app}`;
  if (fileIndex % 10 === 5) files.push(['values.yaml', valuesFile(rng, app, rng.chance(0.5) ? { roleArn } : { selector: `${team}-${pair}-reader` })]);
  if (fileIndex % 15 === 7) {
    files.push(['kustomization.yaml', kustomization(ns, [fileName])], ['service-account-patch.yaml', serviceAccountPatch(`${app}-overlay`, roleArn)]);
  }
  return files;
}

/**
 * IRSA in place of pod identity: the app's service account assumes a role, and its workload (and
 * sometimes a CronJob) runs under it.
 * @param {Rng} rng
 * @param {{ app: string, ns: string }} f
 */
function irsaDocuments(rng, { app, ns }) {
  const account = `${app}-irsa`;
  const identityDocs = [irsaServiceAccount(rng, account, ns, AWS_ACCOUNT), workload(rng, 'Deployment', { name: `${app}-main`, namespace: ns, serviceAccount: account })];
  if (rng.chance(0.2)) identityDocs.push(cronJob(rng, { name: `${app}-nightly`, namespace: ns }));
  return { identityDocs, serviceAccounts: [] };
}

const AWS_ACCOUNT = '111122223333';

/**
 * Generates the corpus into `out` (replacing an earlier corpus there) and says what it wrote.
 * @param {{ docs?: number, out: string, seed?: number }} options
 * @returns {CorpusSummary}
 */
export function generateCorpus({ docs = 20000, out, seed = 42 }) {
  if (existsSync(out) && readdirSync(out).length > 0 && !existsSync(path.join(out, MARKER))) {
    throw new Error(`${out} is not empty and was not made by this generator; refusing to delete it`);
  }
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const rng = createRng(seed);
  // A monorepo usually spans few subscriptions: identities share them.
  const subscriptions = [rng.guid(), rng.guid(), rng.guid()];
  const summary = { docs: 0, files: 0, podIdentityDocs: 0, bytes: 0 };
  for (let fileIndex = 0; summary.docs < docs; fileIndex++) {
    const pair = Math.floor(fileIndex / 2);
    const team = TEAMS[pair % TEAMS.length];
    const env = ENVS[Math.floor(pair / TEAMS.length) % ENVS.length];
    const app = `${team}-${APPS[fileIndex % APPS.length]}-${fileIndex}`;
    const ns = `${team}-${env}`;
    const size = Math.min(18 + rng.int(5), docs - summary.docs);
    const related = podIdentityDocuments(rng, { fileIndex, pair, team, app, ns, subscription: subscriptions[pair % 3] });
    const identityDocs = related.identityDocs.slice(0, size);
    const documents = [...identityDocs, ...related.serviceAccounts].slice(0, size);
    while (documents.length < size) documents.push(fillerDocument(rng, `${app}-${documents.length}`, ns));
    // Shuffle a little so identity documents are not always first in a file.
    if (rng.chance(0.5) && documents.length > 3) documents.push(...documents.splice(0, 1));
    const header = rng.chance(0.7) ? `# ${app} (${env}): managed by Flux, edit in this repository\n\n` : '';
    const text = `${header}${rng.chance(0.3) ? '---\n' : ''}${documents.join(rng.chance(0.2) ? '\n---\n' : '---\n')}`;
    const folder = path.join(out, 'clusters', env, team, app);
    mkdirSync(folder, { recursive: true });
    const fileName = rng.pick(FILE_NAMES);
    writeFileSync(path.join(folder, fileName), text);
    summary.docs += documents.length;
    summary.podIdentityDocs += identityDocs.length;
    summary.bytes += Buffer.byteLength(text);
    summary.files++;
    for (const [name, extra] of extraFiles(rng, { fileIndex, pair, team, app, ns, fileName })) {
      writeFileSync(path.join(folder, name), extra);
      summary.docs++;
      summary.podIdentityDocs++;
      summary.bytes += Buffer.byteLength(extra);
      summary.files++;
    }
  }
  writeFileSync(path.join(out, MARKER), `${JSON.stringify({ docs, seed, ...summary })}\n`);
  return summary;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: { docs: { type: 'string', default: '20000' }, out: { type: 'string', default: 'bench/.work/corpus' }, seed: { type: 'string', default: '42' } },
  });
  const docs = Number(values.docs);
  const seed = Number(values.seed);
  if (!Number.isInteger(docs) || docs <= 0 || !Number.isInteger(seed)) {
    console.error('usage: generate-corpus.mjs [--docs N] [--out DIR] [--seed N]');
    process.exit(2);
  }
  console.log(JSON.stringify(generateCorpus({ docs, out: values.out, seed })));
}
