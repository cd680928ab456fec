/**
 * Debian's chromium driven by playwright-core (.ci/run installs it; never a downloaded browser
 * build): pages opened from files, with every console error, page error, dialog and request kept.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface Loaded {
  page: Page;
  problems: string[];
  requests: string[];
}

export interface Browser {
  /** A folder for the pages (and screenshots), removed by close(). */
  dir: string;
  open(html: string, name: string): Promise<Loaded>;
  close(): Promise<void>;
}

const INSTALL_HINT = `${CHROMIUM} is missing: apt-get install -y chromium (bash .ci/run installs it)`;

/**
 * Whether the browser suites run: on a machine without Debian's chromium they are skipped with
 * the install hint, so that `npm test` passes on a fresh machine; in CI (CI=true, as .ci/run
 * sets) a missing browser is an error, never a silent skip.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true') throw new Error(`CI=true but ${INSTALL_HINT}`);
  console.warn(`browser tests skipped: ${INSTALL_HINT}`);
  return false;
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(INSTALL_HINT);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wimigrate-html-'));
  const context: BrowserContext = await chromium.launchPersistentContext(path.join(dir, 'profile'), { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 900 } });
  return {
    dir,
    async open(html, name) {
      const file = path.join(dir, name);
      writeFileSync(file, html);
      const page = await context.newPage();
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      page.on('dialog', (dialog) => {
        problems.push(`dialog: ${dialog.message()}`);
        void dialog.dismiss();
      });
      page.on('request', (request) => requests.push(request.url()));
      await page.goto(`file://${file}`, { waitUntil: 'load' });
      return { page, problems, requests };
    },
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
