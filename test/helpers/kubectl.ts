/**
 * The real `kubectl kustomize` (kustomize built into kubectl; Debian's kubernetes-client, which
 * .ci/run installs). Outside CI a machine without kubectl skips the --render suites with the
 * install hint, so that `npm test` passes on a fresh machine; in CI (CI=true) a missing kubectl
 * is an error, never a silent skip.
 */
import { spawnSync } from 'node:child_process';

const INSTALL_HINT = 'kubectl is missing: apt-get install -y kubernetes-client (bash .ci/run installs it)';

export function kubectlAvailable(): boolean {
  if (spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0) return true;
  if (process.env.CI === 'true') throw new Error(`CI=true but ${INSTALL_HINT}`);
  console.warn(`--render tests skipped: ${INSTALL_HINT}`);
  return false;
}

/** What kubectl builds from a kustomization folder. */
export function kubectlKustomize(dir: string): string {
  const run = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`kubectl kustomize ${dir} failed: ${run.stderr}`);
  return run.stdout;
}
