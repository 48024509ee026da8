// The revenue dashboard's first paint over the bench data: the built web app served by the product, opened in
// Chromium (playwright-core) at 1440×900 in a fresh browser context per round (nothing cached, as a new visitor),
// timed in the page from the navigation's start until the frame in which the MRR card shows a figure and the MRR
// chart and the movement bars are drawn (a check on every animation frame, injected before the app's scripts).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The newest modification time under a folder (ms). */
function newest(dir: string): number {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

/** Builds the web app when it is missing or older than its sources (the product serves apps/web/dist). False when it cannot be. */
export function ensureWebBuilt(log: (s: string) => void): boolean {
  const index = path.join(ROOT, 'apps/web/dist/index.html');
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= newest(path.join(ROOT, 'apps/web/src'))) return true;
  log('building the web app for the first-paint measurement …\n');
  return spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' }).status === 0;
}

export const chromiumAvailable = () => fs.existsSync(CHROMIUM);

/** Runs in the page before its own scripts: notes the time of the first frame with the figures drawn. */
const WATCH = `(() => {
  const drawn = () =>
    /\\d/.test(document.querySelector('[data-testid="kpi-mrr"] [data-testid="kpi-value"]')?.textContent ?? '') &&
    document.querySelector('[data-testid="chart-mrr"] .recharts-area-curve, [data-testid="chart-mrr"] .recharts-line-curve') &&
    document.querySelector('[data-testid="chart-movements"] .recharts-bar-rectangle');
  const tick = () => {
    if (drawn()) globalThis.__c365Drawn = performance.now();
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

type TWatched = { __c365Drawn?: number };

/** Milliseconds per round from navigation to /revenue?{query} until its figures are drawn. */
export async function timeFirstPaint(baseUrl: string, cookie: string, query: string, rounds: number, warmup = 1): Promise<number[]> {
  return (await timeFirstPaintDetailed(baseUrl, cookie, query, rounds, warmup)).map((r) => r.drawn);
}

/** The same, with how long the page's series request took (Resource Timing: its start to its response's end). */
export async function timeFirstPaintDetailed(
  baseUrl: string,
  cookie: string,
  query: string,
  rounds: number,
  warmup = 1,
): Promise<{ drawn: number; series: number | null }[]> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  const [name, value] = cookie.split('=') as [string, string];
  const out: { drawn: number; series: number | null }[] = [];
  try {
    for (let round = -warmup; round < rounds; round++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      await context.addCookies([{ name, value, url: baseUrl }]);
      await context.addInitScript({ content: WATCH });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/revenue?${query}`, { waitUntil: 'commit' });
      await page.waitForFunction(() => (globalThis as TWatched).__c365Drawn !== undefined, undefined, { timeout: 120_000 });
      const drawnAt = await page.evaluate(() => (globalThis as TWatched).__c365Drawn as number);
      const series = await page.evaluate(() => {
        const entry = performance.getEntriesByType('resource').find((e) => e.name.includes('/api/v1/metrics/mrr?')) as
          | { responseEnd: number; startTime: number }
          | undefined;
        return entry ? entry.responseEnd - entry.startTime : null;
      });
      if (round >= 0) out.push({ drawn: drawnAt, series });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return out;
}
