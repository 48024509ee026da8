/** The few waiting assertions the browser tests need (playwright-core ships without `expect`). */
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';

export async function expectVisible(locator: Locator, timeout = 10_000) {
  await locator.waitFor({ state: 'visible', timeout });
}

export async function expectHidden(locator: Locator, timeout = 10_000) {
  await locator.waitFor({ state: 'hidden', timeout });
}

/** Polls until `check` stops throwing, then returns its value; rethrows the last failure on timeout. */
export async function eventually<T>(check: () => Promise<T> | T, timeout = 10_000, interval = 100): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, interval));
    }
  }
}

export async function expectCount(locator: Locator, count: number, timeout = 10_000) {
  await eventually(async () => assert.equal(await locator.count(), count, `expected ${count} matches of ${locator}`), timeout);
}

export async function expectUrl(page: Page, pattern: RegExp, timeout = 10_000) {
  await eventually(() => assert.match(new URL(page.url()).pathname + new URL(page.url()).search, pattern), timeout);
}

export async function expectText(locator: Locator, pattern: RegExp | string, timeout = 10_000) {
  await eventually(async () => {
    const text = (await locator.textContent()) ?? '';
    if (typeof pattern === 'string') assert.ok(text.includes(pattern), `"${text}" does not include "${pattern}"`);
    else assert.match(text, pattern);
  }, timeout);
}
