/**
 * The built CLI, end to end, on kustomize trees whose JSON 6902 patches carry pod identity or
 * IRSA (the inputs of test/transformers/golden-trees, copied to a temporary folder): `--write`
 * gives exactly the reviewed golden tree, and a second run changes nothing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyToTemp, ROOT, runCli, treeHash } from '../helpers/cli.js';
import { filesUnder } from '../helpers/files-under.js';

const TREES = path.join(ROOT, 'test/transformers/golden-trees');
const ISSUER = 'https://eastus.oic.prod-aks.azure.com/11111111-1111-1111-1111-111111111111/22222222-2222-2222-2222-222222222222/';

describe('JSON 6902 patches through the CLI', () => {
  it('migrate --write rewrites the patch file and the workload as the golden tree says; a second run changes nothing', async () => {
    const work = copyToTemp(path.join(TREES, 'json6902-file-yaml/input'));
    const expected = path.join(TREES, 'json6902-file-yaml/expected');
    const args = ['--issuer', ISSUER, '--tenant-id', '72f988bf-86f1-41af-91ab-2d7cd011db47', '--subscription-id', '2f6b7a10-4c1e-4d2a-9b3c-5e6f7a8b9c0d', '--identity-resource-group', 'rg-payments'];
    const write = await runCli(['migrate', '.', '--write', ...args], { cwd: work });
    expect(write.status).toBe(0);
    expect(filesUnder(work)).toEqual(filesUnder(expected));
    for (const file of filesUnder(expected)) expect(readFileSync(path.join(work, file), 'utf8'), file).toBe(readFileSync(path.join(expected, file), 'utf8'));
    const written = treeHash(work);
    const again = await runCli(['migrate', '.', ...args], { cwd: work });
    expect(again.stdout).toBe('');
    expect(treeHash(work)).toEqual(written);
  });

  it('scan names the patch file for the IRSA account and the plan has its credential; a regex target is reported', async () => {
    const work = copyToTemp(path.join(TREES, 'json6902-file-yaml/input'));
    const plan = await runCli(['plan', '.', '-f', 'json', '--issuer', ISSUER], { cwd: work });
    const parsed = JSON.parse(plan.stdout) as { plan: { federatedCredentials: { subject: string }[] }; findings: { id: string; location: { file: string } }[] };
    expect(parsed.plan.federatedCredentials.map((credential) => credential.subject)).toEqual(['system:serviceaccount:payments-prod:orders-api']);
    expect(parsed.findings.find((finding) => finding.id === 'irsa-service-account')?.location.file).toBe('overlays/prod/irsa-patch.yaml');

    const regex = copyToTemp(path.join(TREES, 'json6902-regex-target/input'));
    const scan = await runCli(['scan', '.', '--fail-on', 'warning'], { cwd: regex });
    expect(scan.status).toBe(1);
    expect(scan.stdout).toMatch(/ecr-irsa\.yaml:1:1 +warning +kustomize-identity-setting/);
  });

  it('an operation whose parent the patch does not show is refused with the reason, and the workload is left as it was', async () => {
    const work = copyToTemp(path.join(TREES, 'json6902-patches-path-target/input'));
    const before = treeHash(work);
    // The proxy sidecar annotation goes to the pod template's annotations, which neither the patch nor every Deployment has.
    const run = await runCli(['migrate', '.', '--write', '--issuer', ISSUER, '--proxy-sidecar'], { cwd: work });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('a JSON 6902 add of /spec/template/metadata/annotations/azure.workload.identity~1inject-proxy-sidecar needs /spec/template/metadata/annotations on the target');
    expect(treeHash(work)).toEqual(before);
  });
});
