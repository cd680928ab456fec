/**
 * `--render` against the real `kubectl kustomize` (kubectl v1.32, kustomize v5.5 here; Debian's
 * kubernetes-client in CI): the plan's federated credentials trust the service accounts as the
 * build names them, while the edits stay on the source files and agree with the build.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, treeHash } from '../helpers/cli.js';
import { kubectlAvailable, kubectlKustomize } from '../helpers/kubectl.js';

const FIXTURE = path.join(import.meta.dirname, 'fixtures/shop');
const GOLDEN = path.join(import.meta.dirname, 'golden');
const ISSUER = 'https://eastus.oic.prod-aks.azure.com/11111111-2222-3333-4444-555555555555/abcd/';
const PLAN_FLAGS = ['--render', '--issuer', ISSUER, '--subscription-id', '00000000-0000-0000-0000-000000000002', '--identity-resource-group', 'rg-shop'];
const hasKubectl = kubectlAvailable();

interface Credential {
  name: string;
  subject: string;
  target: { kind: string; identityName?: string };
  serviceAccount: { namespace: string; name: string };
  sourceServiceAccount?: { namespace: string; name: string };
}
interface PlanJson {
  plan: {
    federatedCredentials: Credential[];
    serviceAccounts: { action: string; ref: { namespace: string; name: string }; built?: { namespace: string; name: string }[] }[];
    irsaServiceAccounts: { ref: { namespace: string; name: string }; built?: { namespace: string; name: string }[] }[];
  };
  findings: { id: string; message: string; location: { file: string } }[];
}

/** The shop fixture with only the given overlays, in a temporary folder. */
function shop(overlays: readonly string[]): string {
  const root = mkdtempSync(path.join(tmpdir(), 'wimigrate-render-plan-'));
  cpSync(path.join(FIXTURE, 'base'), path.join(root, 'base'), { recursive: true });
  for (const overlay of overlays) cpSync(path.join(FIXTURE, 'overlays', overlay), path.join(root, 'overlays', overlay), { recursive: true });
  return root;
}

async function planJson(root: string, extra: string[] = []): Promise<PlanJson> {
  const run = await runCli(['plan', '.', ...PLAN_FLAGS, '--format', 'json', '--fail-on', 'none', ...extra], { cwd: root });
  expect(run.stderr).not.toContain('Error');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as PlanJson;
}

const subjects = (report: PlanJson) => report.plan.federatedCredentials.map((credential) => [credential.target.identityName, credential.subject]);

describe.skipIf(!hasKubectl)('--render: the plan uses the built names and namespaces', () => {
  it('namePrefix overlay: the IRSA and pod identity credentials trust the prefixed accounts in the overlay namespace', async () => {
    const root = shop(['prod']);
    const report = await planJson(root);
    expect(subjects(report)).toEqual([
      ['id-billing', 'system:serviceaccount:shop-prod:prod-billing-identity-wi'],
      ['orders', 'system:serviceaccount:shop-prod:prod-orders'],
    ]);
    expect(report.plan.federatedCredentials.map((credential) => [credential.name, credential.sourceServiceAccount])).toEqual([
      ['wimigrate-shop-prod-prod-billing-identity-wi', { namespace: 'shop-prod', name: 'billing-identity-wi' }],
      ['wimigrate-shop-prod-prod-orders', { namespace: 'shop-prod', name: 'orders' }],
    ]);
    expect(report.plan.irsaServiceAccounts.map((account) => [account.ref, account.built])).toEqual([[{ namespace: 'shop-prod', name: 'orders' }, [{ namespace: 'shop-prod', name: 'prod-orders' }]]]);
    // Without --render the same repository plans the source names: the difference is the build's.
    const plain = await runCli(['plan', '.', ...PLAN_FLAGS.slice(1), '--format', 'json', '--fail-on', 'none'], { cwd: root });
    expect(subjects(JSON.parse(plain.stdout) as PlanJson)).toEqual([
      ['id-billing', 'system:serviceaccount:shop-prod:billing-identity-wi'],
      ['orders', 'system:serviceaccount:shop-prod:orders'],
    ]);
  });

  it('nameSuffix overlay: the suffix goes after the names', async () => {
    const report = await planJson(shop(['staging']));
    expect(subjects(report)).toEqual([
      ['id-billing', 'system:serviceaccount:shop-staging:billing-identity-wi-staging'],
      ['orders', 'system:serviceaccount:shop-staging:orders-staging'],
    ]);
  });

  it('a base built by two overlays: one credential per identity and built service account (two namespaces); the text plan is the golden', async () => {
    const root = shop(['prod', 'staging']);
    const report = await planJson(root);
    expect(subjects(report)).toEqual([
      ['id-billing', 'system:serviceaccount:shop-prod:prod-billing-identity-wi'],
      ['id-billing', 'system:serviceaccount:shop-staging:billing-identity-wi-staging'],
      ['orders', 'system:serviceaccount:shop-prod:prod-orders'],
      ['orders', 'system:serviceaccount:shop-staging:orders-staging'],
    ]);
    expect(report.plan.serviceAccounts.map((account) => [account.action, account.built])).toEqual([
      ['create', [{ namespace: 'shop-prod', name: 'prod-billing-identity-wi' }, { namespace: 'shop-staging', name: 'billing-identity-wi-staging' }]],
    ]);
    // The built names are part of the published report schema.
    const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(JSON.parse(readFileSync(path.join(ROOT, 'schema/report.schema.json'), 'utf8')) as object);
    expect(validate(report)).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
    const text = await runCli(['plan', '.', ...PLAN_FLAGS, '--fail-on', 'none'], { cwd: root });
    expect(text.stdout).toBe(readFileSync(path.join(GOLDEN, 'two-overlays.plan.txt'), 'utf8'));
    // federate --emit writes what the plan says: the built subjects.
    const out = path.join(root, 'emitted');
    const emitted = await runCli(['federate', '.', ...PLAN_FLAGS, '--emit', 'az', '--out', out, '--fail-on', 'none'], { cwd: root });
    expect(emitted.stderr).not.toContain('Error');
    expect(emitted.status).toBe(0);
    const script = readFileSync(path.join(out, 'federated-credentials.sh'), 'utf8');
    const ensured = script.split('\n').filter((line) => line.startsWith('ensure_credential ')).map((line) => line.split(' ').slice(3, 7));
    expect(ensured).toEqual(report.plan.federatedCredentials.map((credential) => [credential.target.identityName, credential.name, ISSUER, credential.subject]));
  });

  it('the edits keep the source names, and once written the build runs the pods under exactly the accounts the credentials trust', async () => {
    const root = shop(['prod', 'staging']);
    const report = await planJson(root);
    const migrate = await runCli(['migrate', '.', ...PLAN_FLAGS, '--write', '--fail-on', 'none', '-q', '-f', 'json'], { cwd: root });
    expect(migrate.status).toBe(0);
    // Every rewritten file passed verification (re-read, re-planned with the same builds, idempotent).
    const migrated = JSON.parse(migrate.stdout) as PlanJson & { changes: { file: string; status: string }[] };
    expect(migrated.findings.map((finding) => finding.id)).not.toContain('verification-failed');
    expect(migrated.changes.map((change) => [change.file, change.status])).toEqual([
      ['base/billing.yaml', 'modified'],
      ['base/orders-sa.yaml', 'modified'],
      ['base/orders.yaml', 'modified'],
    ]);
    const billing = readFileSync(path.join(root, 'base/billing.yaml'), 'utf8');
    expect(billing).toContain('serviceAccountName: billing-identity-wi\n');
    expect(billing).toContain('  name: billing-identity-wi\n');
    for (const [overlay, namespace, account, workload] of [
      ['prod', 'shop-prod', 'prod-billing-identity-wi', 'prod-billing'],
      ['staging', 'shop-staging', 'billing-identity-wi-staging', 'billing-staging'],
    ] as const) {
      const built = await kubectlKustomize(path.join(root, 'overlays', overlay));
      expect(built).toContain(`kind: ServiceAccount\nmetadata:\n  annotations:\n    azure.workload.identity/client-id: 3c9d2e41-7a5b-4f60-8e1d-2b3c4d5e6f70\n  name: ${account}\n  namespace: ${namespace}\n`);
      expect(built).toMatch(new RegExp(`name: ${workload}\\n  namespace: ${namespace}\\n[\\s\\S]*?serviceAccountName: ${account}\\n`));
      expect(report.plan.federatedCredentials.map((credential) => credential.subject)).toContain(`system:serviceaccount:${namespace}:${account}`);
    }
    // Planned again on the written files, the credentials are the same ones.
    expect(subjects(await planJson(root))).toEqual(subjects(report));
  });

  it('a namespace set by a patch in the overlay (no namespace field) is the one the credential trusts', async () => {
    const root = shop([]);
    mkdirSync(path.join(root, 'overlays/payments'), { recursive: true });
    writeFileSync(
      path.join(root, 'overlays/payments/kustomization.yaml'),
      [
        'resources:',
        '  - ../../base',
        'patches:',
        '  - target: {kind: ServiceAccount, name: orders}',
        '    patch: |-',
        '      - op: add',
        '        path: /metadata/namespace',
        '        value: payments',
        '',
      ].join('\n'),
    );
    const report = await planJson(root);
    expect(report.plan.irsaServiceAccounts.map((account) => [account.ref, account.built])).toEqual([[{ namespace: 'default', name: 'orders' }, [{ namespace: 'payments', name: 'orders' }]]]);
    expect(subjects(report)).toContainEqual(['orders', 'system:serviceaccount:payments:orders']);
  });

  it('a patch file that adds the role to a base account maps to the built account it patches', async () => {
    const root = shop([]);
    writeFileSync(path.join(root, 'base/orders-sa.yaml'), 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: orders\n');
    mkdirSync(path.join(root, 'overlays/eu'), { recursive: true });
    writeFileSync(path.join(root, 'overlays/eu/kustomization.yaml'), 'namespace: shop-eu\nnamePrefix: eu-\nresources:\n  - ../../base\npatches:\n  - path: orders-role.yaml\n');
    writeFileSync(path.join(root, 'overlays/eu/orders-role.yaml'), 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: orders\n  annotations:\n    eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/orders\n');
    const report = await planJson(root);
    expect(report.plan.irsaServiceAccounts.map((account) => account.built)).toEqual([[{ namespace: 'shop-eu', name: 'eu-orders' }]]);
    expect(subjects(report)).toContainEqual(['orders', 'system:serviceaccount:shop-eu:eu-orders']);
  });

  it('an object a patch removes from the build: render-name-unresolved, and its credentials keep the source names', async () => {
    const root = shop([]);
    mkdirSync(path.join(root, 'overlays/lean'), { recursive: true });
    writeFileSync(
      path.join(root, 'overlays/lean/kustomization.yaml'),
      ['namespace: shop-lean', 'namePrefix: lean-', 'resources:', '  - ../../base', 'patches:', '  - patch: |-', '      $patch: delete', '      apiVersion: apps/v1', '      kind: Deployment', '      metadata:', '        name: billing', ''].join('\n'),
    );
    const report = await planJson(root);
    expect(report.findings.filter((finding) => finding.id === 'render-name-unresolved').map((finding) => [finding.location.file, finding.message])).toEqual([
      ['base/billing.yaml', 'Deployment shop-lean/billing: the kustomize builds that read base/billing.yaml hold no Deployment made from it (removed by a patch, or renamed other than by namePrefix or nameSuffix); its federated credentials use the source name and namespace'],
    ]);
    expect(subjects(report)).toEqual([
      ['id-billing', 'system:serviceaccount:shop-lean:billing-identity-wi'],
      ['orders', 'system:serviceaccount:shop-lean:lean-orders'],
    ]);
  });

  it('a build that fails: render-failed names the kustomization, the others are still built, and its files keep their source names', async () => {
    const root = shop(['prod']);
    mkdirSync(path.join(root, 'overlays/broken'), { recursive: true });
    writeFileSync(path.join(root, 'overlays/broken/kustomization.yaml'), 'namespace: shop-broken\nresources:\n  - ../../base\n  - missing.yaml\n');
    const report = await planJson(root);
    const failed = report.findings.filter((finding) => finding.id === 'render-failed');
    expect(failed.map((finding) => finding.location.file)).toEqual(['overlays/broken/kustomization.yaml']);
    expect(failed[0]?.message).toMatch(/^kubectl could not build overlays\/broken: .*missing\.yaml.*; the plan uses the names of its source files$/);
    // The prod overlay still renders; the base's source namespace is the first overlay's.
    expect(subjects(report)).toEqual([
      ['id-billing', 'system:serviceaccount:shop-prod:prod-billing-identity-wi'],
      ['orders', 'system:serviceaccount:shop-prod:prod-orders'],
    ]);
    rmSync(path.join(root, 'overlays/prod'), { recursive: true });
    const alone = await planJson(root);
    expect(subjects(alone)).toEqual([
      ['id-billing', 'system:serviceaccount:shop-broken:billing-identity-wi'],
      ['orders', 'system:serviceaccount:shop-broken:orders'],
    ]);
  });

  it('never touches the scanned tree (the origin build runs in a temporary folder)', async () => {
    const root = shop(['prod', 'staging']);
    const before = treeHash(root);
    await planJson(root);
    expect(treeHash(root)).toEqual(before);
  });
});

describe('--render without kubectl or kustomize', () => {
  it('says so, and the plan uses the source names', async () => {
    const root = shop(['prod']);
    const run = await runCli(['plan', '.', ...PLAN_FLAGS, '--format', 'json', '--fail-on', 'none'], { cwd: root, env: { PATH: path.join(root, 'no-tools') } });
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as PlanJson;
    expect(report.findings.filter((finding) => finding.id === 'render-failed').map((finding) => finding.message)).toEqual([
      'neither kubectl nor kustomize is on the PATH: --render skipped, the source files were analyzed and planned as they are',
    ]);
    expect(subjects(report)).toEqual([
      ['id-billing', 'system:serviceaccount:shop-prod:billing-identity-wi'],
      ['orders', 'system:serviceaccount:shop-prod:orders'],
    ]);
  });
});
