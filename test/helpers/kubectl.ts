/**
 * The real `kubectl kustomize`. The --render suites need kustomize v4 or later (kubectl 1.32 has
 * v5.5; Debian's kubernetes-client is kubectl 1.20, whose kustomize v2.0.3 can name a base folder
 * only under `bases:` and has no origin annotations); scripts/provision-kubectl.sh installs one
 * where the machine has none. Outside CI a machine without a kubectl of kustomize v4 or later skips
 * the --render suites with the reason, so that `npm test` passes on a fresh machine; in CI
 * (CI=true) it is an error, never a silent skip.
 */
import { execFile, spawnSync } from 'node:child_process';

const MINIMUM_KUSTOMIZE = 4;

export function kubectlAvailable(): boolean {
  const reason = kubectlProblem();
  if (reason === null) return true;
  if (process.env.CI === 'true') throw new Error(`CI=true but ${reason}`);
  console.warn(`--render tests skipped: ${reason}`);
  return false;
}

function kubectlProblem(): string | null {
  const run = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  if (run.status !== 0) return 'kubectl is missing: scripts/provision-kubectl.sh installs one (bash .ci/run runs it)';
  const major = /Kustomize Version: v(\d+)/.exec(run.stdout)?.[1];
  if (major === undefined || Number(major) < MINIMUM_KUSTOMIZE) {
    return `kubectl (${run.stdout.split('\n')[0]?.trim()}) builds with kustomize ${major ? `v${major}` : 'older than v4'}; the --render suites need v${MINIMUM_KUSTOMIZE} or later`;
  }
  return null;
}

/** What kubectl builds from a kustomization folder; asynchronous, so the test worker keeps answering vitest meanwhile. */
export function kubectlKustomize(dir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('kubectl', ['kustomize', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`kubectl kustomize ${dir} failed: ${stderr || error.message}`));
      else resolve(stdout);
    });
  });
}
