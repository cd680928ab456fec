/**
 * The real `helm` (v3), which renders the rewritten Helm templates of the goldens. Debian has no
 * helm; scripts/provision-kubectl.sh installs the upstream binary where the machine has none.
 * Outside CI a machine without it skips those tests with the reason, so that `npm test` passes
 * on a fresh machine; in CI (CI=true) it is an error, never a silent skip.
 */
import { spawnSync } from 'node:child_process';

export function helmAvailable(): boolean {
  const run = spawnSync('helm', ['version', '--short'], { encoding: 'utf8' });
  if (run.status === 0 && /^v3\./.test(run.stdout)) return true;
  const reason = run.status === 0 ? `helm ${run.stdout.trim()} is not helm 3` : 'helm is missing: scripts/provision-kubectl.sh installs it (bash .ci/run runs it)';
  if (process.env.CI === 'true') throw new Error(`CI=true but ${reason}`);
  console.warn(`helm rendering tests skipped: ${reason}`);
  return false;
}
