/** --render against the real kubectl on this machine (kustomize is built into it). */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { kubectlAvailable } from '../helpers/kubectl.js';

const hasKubectl = kubectlAvailable();

function overlayRepository(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'wimigrate-render-'));
  mkdirSync(path.join(root, 'base'));
  mkdirSync(path.join(root, 'overlays/prod'), { recursive: true });
  writeFileSync(path.join(root, 'base/sa.yaml'), 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: orders\n  annotations:\n    eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/orders\n');
  writeFileSync(path.join(root, 'base/kustomization.yaml'), 'resources:\n  - sa.yaml\n');
  writeFileSync(path.join(root, 'overlays/prod/kustomization.yaml'), 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: shop-prod\nnamePrefix: prod-\nresources:\n  - ../../base\n');
  return root;
}

describe('--render', () => {
  it.skipIf(!hasKubectl)('analyzes what kubectl kustomize builds: final names and namespaces', async () => {
    const root = overlayRepository();
    const run = await runCli(['scan', '.', '--render', '--format', 'json'], { cwd: root });
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { findings: { id: string; message: string; location: { file: string } }[] };
    const built = report.findings.filter((finding) => finding.location.file.includes('(kubectl kustomize)'));
    expect(built.map((finding) => finding.message)).toContainEqual(expect.stringContaining('ServiceAccount shop-prod/prod-orders assumes arn:aws:iam::111122223333:role/orders'));
    // The base is built through its overlay, not on its own; and nothing built is rewritten.
    expect(built.every((finding) => finding.location.file.startsWith('overlays/prod/'))).toBe(true);
    const migrate = await runCli(['migrate', '.', '--render'], { cwd: root });
    expect(migrate.stdout).not.toContain('kubectl kustomize');
  });

  it('without kubectl or kustomize on the PATH it says so and goes on', async () => {
    const root = overlayRepository();
    const run = await runCli(['scan', '.', '--render'], { cwd: root, env: { PATH: path.join(root, 'no-tools') } });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('render-failed');
    expect(run.stdout).toContain('neither kubectl nor kustomize is on the PATH');
    expect(run.stdout).toContain('shop-prod/orders');
  });
});
