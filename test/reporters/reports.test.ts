import { describe, expect, it } from 'vitest';
import { DEFAULT_ANALYZER_OPTIONS } from '../../src/analyzers/index.js';
import { DEFAULT_PLAN_OPTIONS } from '../../src/planner/plan-options.js';
import { runMigration } from '../../src/pipeline/run-migration.js';
import { renderJson } from '../../src/reporters/json.js';
import { renderMarkdown } from '../../src/reporters/markdown.js';
import { renderPlanText } from '../../src/reporters/plan-text.js';
import { buildReport } from '../../src/reporters/report.js';
import { renderText } from '../../src/reporters/text.js';
import { binding, deployment, identity, join } from '../helpers/manifests.js';

const ISSUER = 'https://eastus.oic.prod-aks.azure.com/t/g/';
const text = join(identity('id', 'a'), binding('b', 'a', 'id', 'sel'), deployment('web', 'a', { aadpodidbinding: 'sel' }), deployment('lost', 'a', { aadpodidbinding: 'none' }));
const result = runMigration([{ file: 'app.yaml', text, format: 'yaml' }], { analyzer: DEFAULT_ANALYZER_OPTIONS, plan: { ...DEFAULT_PLAN_OPTIONS, issuer: ISSUER } });

describe('reporters', () => {
  it('text: inventory, findings with fixes, summary', () => {
    expect(renderText(buildReport('scan', result))).toBe(`Identities (1)
  a/id  type 0  client 10000000-0000-0000-0000-000000015838  app.yaml:1:1

Bindings (1)
  a/b  selector sel -> id  app.yaml:11:1

Workloads using pod identity (2)
  Deployment a/web  selector sel -> a/id  app.yaml:20:1
  Deployment a/lost  selector none -> no identity  app.yaml:39:1

Findings (1)
  app.yaml:52:9  warning  label-without-binding
    Deployment a/lost has aadpodidbinding: none, but no AzureIdentityBinding has this selector
    fix: Add the missing binding, or remove the label if the workload needs no Azure identity.

Summary: 1 file, 4 documents, 2 workloads labelled for pod identity (1 receiving an identity), 1 identity; 0 errors, 1 warning, 0 info.
`);
  });

  it('markdown: a pull-request-sized summary with the long lists folded', () => {
    const markdown = renderMarkdown(buildReport('migrate', result));
    expect(markdown).toContain('| Deployment web | a | a/id | id-wi |');
    expect(markdown).toContain('<details><summary>Federated identity credentials (1)</summary>');
    expect(markdown).toContain('| wimigrate-a-id-wi | id | system:serviceaccount:a:id-wi |');
    expect(markdown).toContain('- [ ] Enable the OIDC issuer and Workload ID on the cluster');
    expect(markdown.split('\n')[2]).toBe(
      'Summary: 1 file, 4 documents, 2 workloads labelled for pod identity (1 receiving an identity), 1 identity, 1 file to change, 1 service account, 1 federated credential; 0 errors, 1 warning, 0 info.',
    );
  });

  it('plan text: service accounts, credentials with issuer and subject, manual steps', () => {
    const plan = renderPlanText(buildReport('plan', result), false);
    expect(plan).toMatch(/^Migration plan \(phase prepare\)\n\nWorkloads \(1\)\n  Deployment a\/web -> service account id-wi\n/);
    expect(plan).toContain('  create   a/id-wi  client-id 10000000-0000-0000-0000-000000015838');
    expect(plan).toContain(`  wimigrate-a-id-wi  on rg/id\n    issuer ${ISSUER}\n    subject system:serviceaccount:a:id-wi`);
    expect(plan).toMatch(/Manual steps \(3\)\n  1\. Enable the OIDC issuer/);
  });

  it('json: stable, versioned, and without the plan findings twice', () => {
    const report = JSON.parse(renderJson(buildReport('scan', result))) as Record<string, unknown> & { plan: Record<string, unknown> };
    expect(Object.keys(report)).toEqual(['schemaVersion', 'command', 'summary', 'inventory', 'findings', 'plan', 'changes']);
    expect(report.schemaVersion).toBe(1);
    expect('findings' in report.plan).toBe(false);
  });
});

describe('IRSA in reports', () => {
  const irsa = runMigration(
    [
      {
        file: 'irsa.yaml',
        text: join('apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: uploader\n  namespace: media\n  annotations:\n    eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/uploader\n', deployment('upload-api', 'media', {}, '      serviceAccountName: uploader\n')),
        format: 'yaml',
      },
    ],
    { analyzer: DEFAULT_ANALYZER_OPTIONS, plan: { ...DEFAULT_PLAN_OPTIONS, issuer: ISSUER }, rewrite: false },
  );

  it('lists the service account, its role and its workloads in text and markdown', () => {
    const report = buildReport('scan', irsa);
    expect(renderText(report)).toContain('IRSA service accounts (1)\n  media/uploader  arn:aws:iam::111122223333:role/uploader -> Deployment media/upload-api  irsa.yaml:1:1');
    expect(renderMarkdown(report)).toContain('| uploader | media | arn:aws:iam::111122223333:role/uploader | Deployment media/upload-api |');
    expect(report.summary.irsaServiceAccounts).toBe(1);
  });
});
