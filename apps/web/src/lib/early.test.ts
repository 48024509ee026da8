import fs from 'node:fs';
import vm from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { seriesQuery } from '../features/revenue/queries.ts';
import { parseRevenueSearch } from '../features/revenue/search.ts';

const SESSION_JS = fs.readFileSync(new URL('../../public/session.js', import.meta.url), 'utf8');

/** Runs public/session.js as the page's first script at this address; returns the URLs it asked for. */
function openPage(pathAndQuery: string) {
  const url = new URL(pathAndQuery, 'http://localhost:3650');
  const asked: string[] = [];
  const window: Record<string, unknown> = {};
  const fetch = async (u: string) => {
    asked.push(u);
    return new Response(JSON.stringify({ answered: u }), { status: u.includes('from=1999-01') ? 500 : 200 });
  };
  vm.runInNewContext(SESSION_JS, { window, location: { pathname: url.pathname, search: url.search }, fetch, URLSearchParams, Date });
  (globalThis as { window?: unknown }).window = window;
  return { asked, search: Object.fromEntries(url.searchParams) };
}

/** What the revenue page's query gets for its URL: the early answer, or (not in these tests) its own request. */
async function seriesFor(search: Record<string, string>) {
  const q = seriesQuery(parseRevenueSearch(search));
  return (q.queryFn as (ctx: never) => Promise<unknown>)({} as never);
}

afterEach(() => {
  delete (globalThis as { window?: unknown }).window;
});

describe('requests started by public/session.js at the page’s start', () => {
  it('asks for the revenue series the dashboard would ask for, and the dashboard takes that answer, once', async () => {
    const page = openPage('/revenue?to=2026-12&from=2022-01&by=month&market=m1&groupBy=market');
    expect(page.asked).toEqual(['/api/v1/auth/me', '/api/v1/metrics/mrr?by=month&from=2022-01&groupBy=market&market=m1&to=2026-12']);
    expect(await seriesFor(page.search)).toEqual({ answered: page.asked[1] });
    // Taken once: a second ask (a refetch) is the page's own request.
    await expect(seriesFor(page.search)).rejects.toThrow();
  });

  it('fills in the dashboard’s defaults (the last twelve months) the same way', async () => {
    const page = openPage('/revenue');
    expect(page.asked[1]).toMatch(/^\/api\/v1\/metrics\/mrr\?by=month&from=\d{4}-\d\d&to=\d{4}-\d\d$/);
    expect(await seriesFor({})).toEqual({ answered: page.asked[1] });
  });

  it('asks nothing more on other pages, and a failed early answer is asked again by the page', async () => {
    expect(openPage('/accounts?q=acme').asked).toEqual(['/api/v1/auth/me']);
    const page = openPage('/revenue?from=1999-01&to=1999-12');
    expect(page.asked).toHaveLength(2);
    await expect(seriesFor(page.search)).rejects.toThrow();
  });
});
