/**
 * The HTML report in a real browser: Debian's chromium driven by playwright-core (.ci/run
 * installs it; never a downloaded browser build). It must load offline with no console error,
 * its filters and search must work, and nothing from the manifests may run as script.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ANALYZER_OPTIONS } from '../../src/analyzers/index.js';
import { DEFAULT_PLAN_OPTIONS } from '../../src/planner/plan-options.js';
import { runMigration } from '../../src/pipeline/run-migration.js';
import { renderHtml } from '../../src/reporters/html.js';
import { buildReport } from '../../src/reporters/report.js';
import { chromiumAvailable, launchChromium, type Browser } from '../helpers/chromium.js';
import { sampleReport } from './sample-reports.js';


/** Names, labels and comments a hostile manifest could carry into the report. */
const HOSTILE = `apiVersion: aadpodidentity.k8s.io/v1
kind: AzureIdentity
metadata:
  name: "id<img src=x onerror=window.__xss=1>"
  namespace: evil
spec:
  type: 0
  resourceID: /subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id
  clientID: 00000000-0000-0000-0000-000000000001
---
apiVersion: aadpodidentity.k8s.io/v1
kind: AzureIdentityBinding
metadata:
  name: b
  namespace: evil
spec:
  azureIdentity: "id<img src=x onerror=window.__xss=1>"
  selector: "</pre><script>window.__xss=2</script>"
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: evil
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web # </details><script>window.__xss=3</script>
        aadpodidbinding: "</pre><script>window.__xss=2</script>"
    spec:
      containers:
        - name: app
          image: "nginx'\\"><svg onload=window.__xss=4>"
`;

let browser: Browser;
let dir: string;

const HAS_CHROMIUM = chromiumAvailable();

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  browser = await launchChromium();
  dir = browser.dir;
});

afterAll(async () => {
  await browser?.close();
});

const open = (html: string, name: string) => browser.open(html, name);

const visible = (page: Page, selector: string) => page.locator(`${selector}:not(.off)`).count();

describe.runIf(HAS_CHROMIUM)('HTML report in headless chromium', () => {
  it('loads offline with no console error, filters and searches, and takes a screenshot', async () => {
    const report = sampleReport('pod-identity', 'migrate');
    const { page, problems, requests } = await open(renderHtml(report, { toolVersion: 'test' }), 'pod-identity.html');
    expect(problems).toEqual([]);
    expect(requests.filter((url) => !url.startsWith('file:') && !url.startsWith('data:'))).toEqual([]);

    const findings = report.findings.length;
    const warnings = report.findings.filter((finding) => finding.severity === 'warning').length;
    expect(warnings).toBeGreaterThan(0);
    expect(await visible(page, 'tr.finding')).toBe(findings);
    await page.uncheck('input[data-severity-toggle="warning"]');
    expect(await visible(page, 'tr.finding')).toBe(findings - warnings);
    expect(await visible(page, 'tr.finding[data-severity="warning"]')).toBe(0);
    expect(await page.textContent('[data-count-of="finding"]')).toBe(String(findings - warnings));
    await page.check('input[data-severity-toggle="warning"]');

    const workloads = report.inventory.workloads.length;
    expect(await visible(page, 'details.workload')).toBe(workloads);
    await page.selectOption('#ns', 'payments');
    const inPayments = report.inventory.workloads.filter((workload) => workload.namespace === 'payments').length;
    expect(inPayments).toBeGreaterThan(0);
    expect(await visible(page, 'details.workload')).toBe(inPayments);
    expect(await visible(page, 'svg.graph g.gn')).toBeLessThan(await page.locator('svg.graph g.gn').count());
    await page.selectOption('#ns', '');

    await page.fill('#search', 'invoice-generator');
    expect(await visible(page, 'details.workload')).toBe(1);
    expect(await page.locator('details.workload:not(.off) summary').textContent()).toContain('billing/invoice-generator');
    await page.fill('#search', '');
    expect(await visible(page, 'details.workload')).toBe(workloads);

    await page.selectOption('#source', 'irsa');
    expect(await visible(page, 'details.workload')).toBe(0);
    await page.selectOption('#source', '');

    // The manual steps are a checklist that counts what is done.
    expect(await page.textContent('#steps-done')).toBe('0');
    await page.locator('ul.checklist input[type=checkbox]').first().check();
    expect(await page.textContent('#steps-done')).toBe('1');

    // Diffs are colored by line kind and token.
    expect(await page.locator('pre.diff .dl.add').count()).toBeGreaterThan(0);
    expect(await page.locator('pre.diff .dl.add .tk').count()).toBeGreaterThan(0);

    const shot = path.join(dir, 'report.png');
    await page.screenshot({ path: shot, fullPage: false });
    const png = readFileSync(shot);
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.length).toBeGreaterThan(10_000);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows hostile names, labels and comments as text and runs none of them', async () => {
    const result = runMigration([{ file: 'evil/<b>app</b>.yaml', text: HOSTILE, format: 'yaml' }], { analyzer: DEFAULT_ANALYZER_OPTIONS, plan: { ...DEFAULT_PLAN_OPTIONS, issuer: 'https://issuer.example/' } });
    const report = buildReport('migrate', result);
    const html = renderHtml(report, { toolVersion: 'test' });
    expect(html).not.toContain('<script>window.__xss');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<svg onload');
    const { page, problems } = await open(html, 'hostile.html');
    expect(await page.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss ?? null)).toBeNull();
    expect(problems).toEqual([]);
    expect(await page.locator('img').count()).toBe(0);
    // Shown as written, for a person to see.
    expect(await page.locator('body').textContent()).toContain('</pre><script>window.__xss=2</script>');
    await page.fill('#search', '__xss=3');
    expect(await visible(page, 'details.change')).toBe(1);
    await page.close();
  });
});
