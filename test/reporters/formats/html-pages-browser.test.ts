/** The HTML pages of verify, federate and code in headless chromium: they load with no console error and no request. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FederateReport } from '../../../src/reporters/federate-report.js';
import { renderFederateHtml } from '../../../src/reporters/federate-formats.js';
import { renderVerifyHtml } from '../../../src/reporters/verify-formats.js';
import { chromiumAvailable, launchChromium, type Browser } from '../../helpers/chromium.js';
import { copyToTemp, ROOT, runCli } from '../../helpers/cli.js';

const HOSTILE = '</td><script>window.__xss=1</script><img src=x onerror=window.__xss=2>';

let browser: Browser;
const HAS_CHROMIUM = chromiumAvailable();

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function check(html: string, name: string, rows: string, expected: number): Promise<void> {
  const { page, problems, requests } = await browser.open(html, name);
  expect(problems).toEqual([]);
  expect(requests.filter((url) => !url.startsWith('file:') && !url.startsWith('data:'))).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss ?? null)).toBeNull();
  expect(await page.locator(rows).count()).toBe(expected);
  const shot = path.join(browser.dir, `${name}.png`);
  await page.screenshot({ path: shot, fullPage: true });
  expect(existsSync(shot)).toBe(true);
  await page.close();
}

describe.runIf(HAS_CHROMIUM)('verify, federate and code HTML pages in headless chromium', () => {
  it('verify', async () => {
    const html = renderVerifyHtml(
      { phase: 'prepare', passed: false, leftovers: [], workloads: [{ kind: 'Deployment', namespace: 'web', name: HOSTILE, status: 'fail', pods: 1, checks: [{ id: 'pods-label', status: 'fail', detail: HOSTILE }, { id: 'service-account', status: 'pass', detail: 'ok' }] }] },
      'kind-test',
      'test',
    );
    await check(html, 'verify.html', '#checks-table tr', 3);
  });

  it('federate', async () => {
    const report: FederateReport = {
      schemaVersion: 1,
      mode: 'dry-run',
      identities: [
        {
          resourceId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id',
          subscriptionId: 's',
          resourceGroup: 'rg',
          name: 'id',
          status: 'ok',
          location: 'eastus',
          clientId: null,
          principalId: null,
          tenantId: null,
          createdIdentity: false,
          credentials: [{ name: 'cred', issuer: 'https://issuer', subject: 'system:serviceaccount:web:sa', audiences: ['api://AzureADTokenExchange'], serves: HOSTILE, state: 'conflict', detail: HOSTILE }],
          created: [],
          deleted: [],
          prunable: [],
          error: null,
        },
      ],
      appRegistrations: null,
      unplaced: [],
      aksCutover: { cluster: 'aks', commands: [`az aks pod-identity delete --name '${HOSTILE}'`] },
      emitted: [],
      identityMap: null,
      resumed: [],
      propagation: null,
    };
    await check(renderFederateHtml(report, { toolVersion: 'test', planFile: null }), 'federate.html', 'tr.finding', 1);
  });

  it('code (from the built CLI on samples/app-code)', async () => {
    const work = copyToTemp(path.join(ROOT, 'samples/app-code'));
    const run = await runCli(['code', '.', '-f', 'html', '--fail-on', 'none', '-q'], { cwd: work });
    expect(run.status).toBe(0);
    await check(run.stdout, 'code.html', 'details.change', (run.stdout.match(/<details class="change"/g) ?? []).length);
    expect(run.stdout.match(/<details class="change"/g)?.length).toBeGreaterThan(2);
  });
});
