/** Reports of a --render plan: each workload row still lists the credentials that trust its (built) service account. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_ANALYZER_OPTIONS } from '../../src/analyzers/index.js';
import type { RenderedBuild } from '../../src/model/rendered-build.js';
import { runMigration } from '../../src/pipeline/run-migration.js';
import { DEFAULT_PLAN_OPTIONS } from '../../src/planner/plan-options.js';
import { renderHtml } from '../../src/reporters/html.js';
import { renderMarkdown } from '../../src/reporters/markdown.js';
import { buildReport } from '../../src/reporters/report.js';
import { workloadRows } from '../../src/reporters/workload-rows.js';
import { binding, deployment, identity, join } from '../helpers/manifests.js';

const TEXT = join(identity('billing-id', 'shop'), binding('billing-binding', 'shop', 'billing-id', 'billing'), deployment('billing', 'shop', { aadpodidbinding: 'billing' }));
const BUILDS: RenderedBuild[] = [
  { dir: 'prod', files: ['base/app.yaml'], objects: [{ kind: 'Deployment', ref: { namespace: 'shop-prod', name: 'prod-billing' }, source: { file: 'base/app.yaml', name: 'billing' }, serviceAccountName: null }] },
];

describe('reports of a plan with built names', () => {
  it('the workload row names the built credential, and the migrated file names the source account', () => {
    const result = runMigration([{ file: 'base/app.yaml', text: TEXT, format: 'yaml' }], { analyzer: DEFAULT_ANALYZER_OPTIONS, plan: { ...DEFAULT_PLAN_OPTIONS, issuer: 'https://issuer.example/', rendered: BUILDS } });
    const rows = workloadRows(buildReport('plan', result));
    expect(rows.map((row) => [row.namespace, row.name, row.serviceAccount, row.credentials])).toEqual([['shop', 'billing', 'billing-id-wi', ['wimigrate-shop-prod-prod-billing-id-wi']]]);
    expect(result.changes[0]?.after).toContain('serviceAccountName: billing-id-wi\n');
    expect(result.findings.map((finding) => finding.id)).not.toContain('verification-failed');
  });

  it('markdown and HTML name the service account the edits write, and the one the build runs', () => {
    const result = runMigration([{ file: 'base/app.yaml', text: TEXT, format: 'yaml' }], { analyzer: DEFAULT_ANALYZER_OPTIONS, plan: { ...DEFAULT_PLAN_OPTIONS, issuer: 'https://issuer.example/', rendered: BUILDS } });
    const report = buildReport('plan', result);
    expect(workloadRows(report)[0]?.builtServiceAccounts).toEqual(['shop-prod/prod-billing-id-wi']);
    expect(renderMarkdown(report)).toContain('| billing-id-wi (built: shop-prod/prod-billing-id-wi) |');
    expect(renderHtml(report, { toolVersion: 'test' })).toContain('billing-id-wi (built: shop-prod/prod-billing-id-wi)');
    // Without builds nothing is added.
    const plain = buildReport('plan', runMigration([{ file: 'base/app.yaml', text: TEXT, format: 'yaml' }], { analyzer: DEFAULT_ANALYZER_OPTIONS, plan: { ...DEFAULT_PLAN_OPTIONS, issuer: 'https://issuer.example/' } }));
    expect(renderMarkdown(plain)).toContain('| billing-id-wi |');
  });
});
