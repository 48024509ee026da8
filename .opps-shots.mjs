import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
const { chromium } = createRequire(path.join(process.cwd(), 'package.json'))('playwright-core');
const base = process.argv[2] ?? 'http://127.0.0.1:3681';
const out = process.argv[3] ?? '/tmp/opps-shots';
const email = process.env.EMAIL ?? 'csm@demo.customer365.test';
const lang = process.env.LANG_UI;
const ctx = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(os.tmpdir(), 'opps-prof-')), {
  executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 1440, height: 900 }, locale: lang ?? 'en-GB',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
});
const page = ctx.pages()[0] ?? (await ctx.newPage());
const problems = [];
page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text().slice(0, 200)}`); });
page.on('response', (r) => { if (r.status() >= 400) problems.push(`http ${r.status()} ${r.url()}`); });
const shot = async (name) => { await page.waitForTimeout(600); await page.screenshot({ path: path.join(out, `${name}.png`) }); };
await page.goto(`${base}/login`, { waitUntil: 'networkidle' });
await page.waitForSelector('input[type=password]');
await page.waitForTimeout(500);
await page.locator('input[type=email], input[type=text]').first().fill(email);
await page.locator('input[type=password]').first().fill('customer365-demo');
await page.locator('button[type=submit]').first().click();
await page.waitForSelector('nav a[href]', { timeout: 30000 });
await page.waitForLoadState('networkidle');
await page.goto(`${base}/renewal-opportunities`, { waitUntil: 'networkidle' });
await shot('board');
await page.goto(`${base}/renewal-opportunities?view=list`, { waitUntil: 'networkidle' });
await shot('list');
await page.goto(`${base}/renewal-opportunities?view=calendar`, { waitUntil: 'networkidle' });
await shot('calendar');
const first = page.locator('[data-testid^=renewal-open-], [data-testid=renewal-calendar] button').first();
await page.goto(`${base}/renewal-opportunities?view=list`, { waitUntil: 'networkidle' });
const firstOpen = page.locator('[data-testid^=renewal-open-]').first();
if (await firstOpen.count()) { await firstOpen.click(); await page.waitForLoadState('networkidle'); await shot('drawer'); }
void first;
const href = await page.locator('[data-testid=renewal-drawer] a[href^="/accounts/"]').first().getAttribute('href').catch(() => null);
if (href) { await page.goto(`${base}${href}?tab=renewal`, { waitUntil: 'networkidle' }); await shot('account-tab'); await page.goto(`${base}${href}?tab=timeline`, { waitUntil: 'networkidle' }); await shot('account-timeline'); }
await page.locator('[data-testid=notification-bell]').click();
await page.waitForLoadState('networkidle');
await shot('bell');
await ctx.close();
console.log(JSON.stringify({ problems: problems.slice(0, 30) }, null, 1));
