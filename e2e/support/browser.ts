/**
 * One Chromium per test process (all files share it when e2e/run.ts runs them in one process), a fresh browser
 * context (own cookies) per test, and a screenshot plus the page's console errors in test-results/ whenever a
 * test fails.
 */
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { CHROMIUM_PATH, RESULTS_DIR, ROOT } from './paths.ts';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function baseUrl(): string {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error('E2E_BASE_URL is not set: run the browser tests with `npm run test:e2e`');
  return url;
}

let browser: Promise<Browser> | undefined;
function getBrowser(): Promise<Browser> {
  browser ??= chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  return browser;
}
after(async () => {
  if (browser) await (await browser).close();
});

export interface E2EContext {
  page: Page;
  context: BrowserContext;
  /** Absolute URL on the server under test. */
  url: (p: string) => string;
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);

/** A browser test: fresh context at 1440x900; on failure a full-page screenshot lands in test-results/. */
export function e2e(name: string, fn: (ctx: E2EContext) => Promise<void>, options: { timeout?: number } = {}) {
  test(name, { timeout: options.timeout ?? 90_000 }, async () => {
    const context = await (await getBrowser()).newContext({
      baseURL: baseUrl(),
      viewport: { width: 1440, height: 900 },
      locale: 'en-GB',
      acceptDownloads: true,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(`uncaught: ${e.message}`));
    try {
      await fn({ page, context, url: (p) => new URL(p, baseUrl()).toString() });
    } catch (err) {
      fs.mkdirSync(RESULTS_DIR, { recursive: true });
      const file = path.join(RESULTS_DIR, `${slug(name)}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => {});
      const extra = [`screenshot: ${path.relative(ROOT, file)}`, `page: ${page.url()}`];
      if (consoleErrors.length) extra.push(`console errors:\n  ${consoleErrors.slice(-10).join('\n  ')}`);
      if (err instanceof Error) err.message = `${err.message}\n${extra.join('\n')}`;
      throw err;
    } finally {
      await context.close();
    }
  });
}
