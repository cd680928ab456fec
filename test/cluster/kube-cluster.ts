/**
 * A real etcd + kube-apiserver (+ kube-controller-manager) on loopback for the cluster tests
 * (DESIGN.md §7): free ports, certificates made with openssl, a static token file,
 * service-account signing keys, a kubeconfig in a temporary folder. Binaries come from
 * scripts/provision-kube.sh (cached in /var/cache/wimigrate/kube/<version>/).
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const CACHE = process.env.WIMIGRATE_KUBE_CACHE ?? '/var/cache/wimigrate/kube';

export const PROVISION_HINT = 'run `sudo scripts/provision-kube.sh` once (it builds kube-apiserver from Debian\'s source package and caches it in /var/cache/wimigrate/kube)';

/** An AKS-shaped issuer, the one samples/pod-identity/wimigrate.yaml names. */
export const TEST_ISSUER = 'https://eastus.oic.prod-aks.azure.com/7c1e9d2a-4b3f-4e8a-b6c5-2a1d3e4f5a6b/5e0b7f3c-9d1a-4c2e-8f6b-3a4d5c6e7f80/';

export interface KubeBinaries {
  apiserver: string;
  controllerManager: string;
  etcd: string;
  etcdctl: string;
}

export function findKubeBinaries(): KubeBinaries | null {
  const etcd = '/usr/bin/etcd';
  const etcdctl = '/usr/bin/etcdctl';
  if (!existsSync(CACHE) || !existsSync(etcd) || !existsSync(etcdctl)) return null;
  for (const version of readdirSync(CACHE).sort().reverse()) {
    const dir = path.join(CACHE, version);
    const apiserver = path.join(dir, 'kube-apiserver');
    const controllerManager = path.join(dir, 'kube-controller-manager');
    if (existsSync(apiserver) && existsSync(controllerManager)) return { apiserver, controllerManager, etcd, etcdctl };
  }
  return null;
}

/**
 * The cluster suites run where the binaries exist; CI (CI=true) must have provisioned them, so
 * there a missing binary fails the suite instead of skipping it.
 */
export function clusterBinariesOrSkip(): KubeBinaries | null {
  const binaries = findKubeBinaries();
  if (binaries) return binaries;
  if (process.env.CI === 'true') throw new Error(`CI=true but kube-apiserver/etcd are not provisioned: ${PROVISION_HINT}`);
  console.warn(`cluster tests skipped: no kube-apiserver found; ${PROVISION_HINT}`);
  return null;
}

export interface TestCluster {
  dir: string;
  server: string;
  /** Admin (system:masters). */
  kubeconfig: string;
  /** A user with no RBAC grants beyond what a test gives it. */
  readerKubeconfig: string;
  /** Credentials the API server does not know (an expired token, as far as it can tell). */
  expiredKubeconfig: string;
  etcdEndpoint: string;
  kubectl(args: string[], input?: string): Promise<string>;
  /** A raw API request as the admin. */
  api(method: string, path: string, body?: unknown, contentType?: string): Promise<{ status: number; body: unknown }>;
  stopApiServer(): Promise<void>;
  startApiServer(): Promise<void>;
  /** Compacts etcd at its current revision: every continue token issued before expires. */
  compactEtcd(): Promise<void>;
  stop(): Promise<void>;
}

function httpsStatus(url: string, ca: Buffer, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = https.get(url, { ca, headers, timeout: 2000 }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.on('timeout', () => request.destroy(new Error('timeout')));
  });
}

/**
 * Ports nothing listens on, below Linux's ephemeral range (32768-60999): a port the kernel
 * handed out for a moment may be handed out again to an outgoing connection (another test's API
 * server talking to its etcd) before etcd binds it, which happened in CI.
 */
async function freePorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  while (ports.length < count) {
    const port = 20000 + Math.floor(Math.random() * 12000);
    if (ports.includes(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) ports.push(port);
  }
  return ports;
}

function openssl(dir: string, args: string[]): void {
  const result = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${result.stderr}`);
}

function makeCertificates(dir: string): void {
  openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=wimigrate-test-ca']);
  openssl(dir, ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=kube-apiserver']);
  writeFileSync(path.join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  openssl(dir, ['x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '2', '-extfile', 'san.ext']);
  openssl(dir, ['genrsa', '-out', 'sa.key', '2048']);
  openssl(dir, ['rsa', '-in', 'sa.key', '-pubout', '-out', 'sa.pub']);
}

function kubeconfigFor(server: string, caFile: string, user: string, token: string): string {
  return `apiVersion: v1
kind: Config
clusters:
- name: test
  cluster:
    server: ${server}
    certificate-authority: ${caFile}
users:
- name: ${user}
  user:
    token: ${token}
contexts:
- name: test-${user}
  context:
    cluster: test
    user: ${user}
current-context: test-${user}
`;
}

async function waitFor(what: string, check: () => Promise<boolean>, process: ChildProcess, logs: () => string, timeoutMs = 120_000): Promise<void> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (process.exitCode !== null) throw new Error(`${what} exited with ${process.exitCode}:\n${logs().slice(-3000)}`);
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what} not ready after ${timeoutMs / 1000} s:\n${logs().slice(-3000)}`);
}

export async function startCluster(binaries: KubeBinaries, options: { controllerManager?: boolean; issuer?: string } = {}): Promise<TestCluster> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wimigrate-kube-'));
  makeCertificates(dir);
  writeFileSync(path.join(dir, 'tokens.csv'), 'admin-token,admin,1,"system:masters"\nreader-token,reader,2\n');
  const [etcdPort, peerPort, apiPort] = await freePorts(3);
  const etcdEndpoint = `http://127.0.0.1:${etcdPort}`;
  const server = `https://127.0.0.1:${apiPort}`;
  const processes: ChildProcess[] = [];
  const logs = new Map<ChildProcess, string[]>();
  const launch = (command: string, args: string[]) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    const keep = (chunk: Buffer) => {
      lines.push(chunk.toString());
      if (lines.length > 200) lines.shift();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    processes.push(child);
    logs.set(child, lines);
    return child;
  };
  const logOf = (child: ChildProcess) => () => (logs.get(child) ?? []).join('');

  mkdirSync(path.join(dir, 'etcd'));
  const etcd = launch(binaries.etcd, [
    '--data-dir', path.join(dir, 'etcd'), '--unsafe-no-fsync',
    '--listen-client-urls', etcdEndpoint, '--advertise-client-urls', etcdEndpoint,
    '--listen-peer-urls', `http://127.0.0.1:${peerPort}`, '--initial-advertise-peer-urls', `http://127.0.0.1:${peerPort}`,
    '--initial-cluster', `default=http://127.0.0.1:${peerPort}`,
  ]);
  await waitFor('etcd', async () => (await fetch(`${etcdEndpoint}/health`)).ok, etcd, logOf(etcd));

  const apiArgs = [
    `--etcd-servers=${etcdEndpoint}`, '--bind-address=127.0.0.1', `--secure-port=${apiPort}`, '--insecure-port=0', '--advertise-address=127.0.0.1',
    `--cert-dir=${dir}`, `--tls-cert-file=${dir}/server.crt`, `--tls-private-key-file=${dir}/server.key`, `--client-ca-file=${dir}/ca.crt`,
    `--token-auth-file=${dir}/tokens.csv`, '--authorization-mode=RBAC',
    `--service-account-key-file=${dir}/sa.pub`, `--service-account-signing-key-file=${dir}/sa.key`,
    `--service-account-issuer=${options.issuer ?? TEST_ISSUER}`, '--api-audiences=api://AzureADTokenExchange,https://kubernetes.default.svc',
    '--disable-admission-plugins=ServiceAccount', '--service-cluster-ip-range=10.0.0.0/24', '--allow-privileged=true',
    // etcd compaction is driven by the tests (compactEtcd), not by a timer.
    '--etcd-compaction-interval=0',
  ];
  let apiserver: ChildProcess | null = null;
  const adminHeaders = { authorization: 'Bearer admin-token' };
  const startApiServer = async () => {
    const child = launch(binaries.apiserver, apiArgs);
    apiserver = child;
    await waitFor('kube-apiserver', async () => (await httpsStatus(`${server}/readyz`, readFileSync(`${dir}/ca.crt`), adminHeaders)) === 200, child, logOf(child));
  };
  const stopProcess = async (child: ChildProcess | null) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const cleanup = () => {
    for (const child of processes) if (child.exitCode === null) child.kill('SIGKILL');
  };
  process.once('exit', cleanup);
  try {
    await startApiServer();
  } catch (error) {
    cleanup();
    throw error;
  }

  const kubeconfig = path.join(dir, 'admin.kubeconfig');
  writeFileSync(kubeconfig, kubeconfigFor(server, `${dir}/ca.crt`, 'admin', 'admin-token'));
  const readerKubeconfig = path.join(dir, 'reader.kubeconfig');
  writeFileSync(readerKubeconfig, kubeconfigFor(server, `${dir}/ca.crt`, 'reader', 'reader-token'));
  const expiredKubeconfig = path.join(dir, 'expired.kubeconfig');
  writeFileSync(expiredKubeconfig, kubeconfigFor(server, `${dir}/ca.crt`, 'expired', 'token-that-expired'));

  if (options.controllerManager !== false) {
    launch(binaries.controllerManager, [
      `--kubeconfig=${kubeconfig}`, '--leader-elect=false', '--port=0', '--secure-port=0',
      `--service-account-private-key-file=${dir}/sa.key`, `--root-ca-file=${dir}/ca.crt`, '--use-service-account-credentials=false',
      '--controllers=*,-nodeipam,-nodelifecycle,-cloud-node-lifecycle,-route,-service,-attachdetach,-persistentvolume-binder,-persistentvolume-expander,-pv-protection,-pvc-protection,-ttl,-bootstrapsigner,-tokencleaner,-csrsigning,-csrapproving,-csrcleaner,-clusterrole-aggregation',
    ]);
  }

  const kubectl = async (args: string[], input?: string) => {
    const child = spawn('kubectl', ['--kubeconfig', kubeconfig, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.end(input ?? '');
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    if (code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${code}): ${stderr}`);
    return stdout;
  };

  const ca = readFileSync(`${dir}/ca.crt`);
  const api = (method: string, apiPath: string, body?: unknown, contentType = 'application/json') =>
    new Promise<{ status: number; body: unknown }>((resolve, reject) => {
      const request = https.request(`${server}${apiPath}`, { method, ca, headers: { ...adminHeaders, 'content-type': contentType, accept: 'application/json' } }, (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text ? (JSON.parse(text) as unknown) : null }));
      });
      request.on('error', reject);
      request.end(body === undefined ? undefined : JSON.stringify(body));
    });

  return {
    dir,
    server,
    api,
    kubeconfig,
    readerKubeconfig,
    expiredKubeconfig,
    etcdEndpoint,
    kubectl,
    stopApiServer: () => stopProcess(apiserver),
    startApiServer,
    compactEtcd: async () => {
      const status = await run(binaries.etcdctl, ['--endpoints', etcdEndpoint, 'endpoint', 'status', '-w', 'json'], { env: { ...process.env, ETCDCTL_API: '3' } });
      const revision = (JSON.parse(status.stdout) as { Status: { header: { revision: number } } }[])[0]!.Status.header.revision;
      await run(binaries.etcdctl, ['--endpoints', etcdEndpoint, 'compact', String(revision)], { env: { ...process.env, ETCDCTL_API: '3' } });
    },
    stop: async () => {
      for (const child of [...processes].reverse()) await stopProcess(child);
      process.removeListener('exit', cleanup);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
