import fs from 'node:fs';
import vm from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { seriesQuery } from '../features/revenue/queries.ts';
import { parseRevenueSearch } from '../features/revenue/search.ts';

const SESSION_JS = fs.readFileSync(new URL('../../public/session.js', import.meta.url), 'utf8');

/** Runs public/session.js as the page's first script at this address; returns the URLs it asked for. */
function openPage(pathAndQuery: string, browser?: { chunks: Record<string, string>; language: string; stored?: string }) {
  const url = new URL(pathAndQuery, 'http://localhost:3650');
  const asked: string[] = [];
  const preloaded: string[] = [];
  const window: Record<string, unknown> = {};
  const fetch = async (u: string) => {
    asked.push(u);
    return new Response(JSON.stringify({ answered: u }), { status: u.includes('from=1999-01') ? 500 : 200 });
  };
  // With `browser`: the page's document as the build writes it (the chunks' files in a meta element), and its storage.
  const dom = browser && {
    document: {
      querySelector: (s: string) => (s === 'meta[name="c365:chunks"]' ? { content: JSON.stringify(browser.chunks) } : null),
      createElement: () => ({}),
      head: { appendChild: (link: { rel: string; href: string }) => preloaded.push(`${link.rel} ${link.href}`) },
    },
    localStorage: { getItem: () => browser.stored ?? null },
    navigator: { language: browser.language },
  };
  vm.runInNewContext(SESSION_JS, {
    window,
    location: { pathname: url.pathname, search: url.search },
    fetch,
    URLSearchParams,
    Date,
    ...dom,
  });
  (globalThis as { window?: unknown }).window = window;
  return { asked, preloaded, search: Object.fromEntries(url.searchParams) };
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

  it('preloads the UI language’s strings and the opened page’s code, as the build names their files', () => {
    const chunks = {
      'strings-en': '/assets/en.js',
      'strings-nl': '/assets/nl.js',
      'strings-da': '/assets/da.js',
      RevenuePage: '/assets/r.js',
    };
    expect(openPage('/revenue', { chunks, language: 'nl-NL' }).preloaded).toEqual([
      'modulepreload /assets/nl.js',
      'modulepreload /assets/r.js',
    ]);
    // The language last used in this browser wins; a language the app does not have is English.
    expect(openPage('/accounts', { chunks, language: 'nl-NL', stored: 'da' }).preloaded).toEqual(['modulepreload /assets/da.js']);
    expect(openPage('/accounts', { chunks, language: 'fr-FR' }).preloaded).toEqual(['modulepreload /assets/en.js']);
    // A development server writes no file names: nothing is preloaded, the requests start as before.
    const dev = openPage('/revenue', { chunks: {}, language: 'en-US' });
    expect(dev.preloaded).toEqual([]);
    expect(dev.asked).toHaveLength(2);
  });
});
