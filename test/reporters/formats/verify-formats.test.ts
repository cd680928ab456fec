import { describe, expect, it } from 'vitest';
import type { VerifyResult } from '../../../src/pipeline/verify-rollout.js';
import { renderVerifyCsv, renderVerifyHtml, renderVerifySarif } from '../../../src/reporters/verify-formats.js';
import { VERIFY_FINDINGS } from '../../../src/reporters/verify-findings.js';
import { parseCsv, sarifErrors } from '../../helpers/report-formats.js';

const RESULT: VerifyResult = {
  phase: 'cutover',
  passed: false,
  leftovers: ['AzureIdentity payments/pay-id'],
  workloads: [
    {
      kind: 'Deployment',
      namespace: 'payments',
      name: 'api<img src=x onerror=alert(1)>',
      status: 'fail',
      pods: 2,
      checks: [
        { id: 'service-account', status: 'pass', detail: 'api-wi carries 0000' },
        { id: 'pods-injected', status: 'fail', detail: 'pods the webhook did not inject: "api-1", =cmd' },
        { id: 'federated-credentials', status: 'skipped', detail: 'not checked' },
      ],
    },
    { kind: 'StatefulSet', namespace: 'db', name: 'pg', status: 'pass', pods: 1, checks: [{ id: 'template-label', status: 'pass', detail: 'ok' }] },
  ],
};

describe('verify in sarif, csv and html', () => {
  it('SARIF: one error result per failed check at the cluster reference, valid against the official schema', () => {
    const text = renderVerifySarif(RESULT, 'aks-prod', '1.2.3');
    expect(sarifErrors(text)).toBeNull();
    const run = (JSON.parse(text) as { runs: { tool: { driver: { rules: { id: string; help: { text: string } }[] } }; results: { ruleId: string; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] }).runs[0]!;
    expect(run.results).toHaveLength(1);
    expect(run.results[0]!.ruleId).toBe('verify-pods-injected');
    expect(run.results[0]!.level).toBe('error');
    expect(run.results[0]!.message.text).toContain('Deployment payments/api<img src=x onerror=alert(1)>: pods the webhook did not inject');
    expect(run.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('k8s://aks-prod/payments/Deployment/api%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E');
    expect(run.tool.driver.rules.map((rule) => rule.id).sort()).toEqual(Object.keys(VERIFY_FINDINGS).sort());
    expect(run.tool.driver.rules.every((rule) => rule.help.text.length > 10)).toBe(true);
  });

  it('CSV: a row per workload check and per resource left, formula cells defused', () => {
    const rows = parseCsv(renderVerifyCsv(RESULT, 'aks-prod'));
    expect(rows[0]).toEqual(['context', 'phase', 'kind', 'namespace', 'name', 'workload_status', 'pods', 'check', 'check_status', 'detail']);
    expect(rows).toHaveLength(1 + 4 + 1);
    expect(rows[2]).toEqual(['aks-prod', 'cutover', 'Deployment', 'payments', 'api<img src=x onerror=alert(1)>', 'fail', '2', 'pods-injected', 'fail', 'pods the webhook did not inject: "api-1", =cmd']);
    expect(rows[5]).toEqual(['aks-prod', 'cutover', '', '', '', 'fail', '', 'pod-identity-left', 'fail', 'AzureIdentity payments/pay-id']);
  });

  it('HTML: self-contained, everything escaped, no script allowed', () => {
    const html = renderVerifyHtml(RESULT, 'aks-prod', '1.2.3');
    expect(html).toMatch(/^<!doctype html>\n/);
    expect(html).toContain('script-src &#39;none&#39;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('api&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
    expect(html).toContain('<h1>wimigrate verify (cutover) on aks-prod: FAIL</h1>');
    expect(html).toContain('<code>verify-pods-injected</code>');
    expect(html).toContain('AzureIdentity payments/pay-id');
    expect((html.match(/<tr><td>/g) ?? []).length).toBeGreaterThanOrEqual(4);
  });
});
