// Starts the requests a page needs as soon as the page starts, while the app's code is still downloading; the app
// takes these answers when it gets to ask (src/lib/early.ts) instead of asking only once its code has run.
// A request the app would not make the same way (other parameters) is simply not taken; a failed one the app repeats.
(() => {
  const get = (url) => fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } }).catch(() => null);
  // Who is signed in (src/app/auth.tsx, meFromEarlyRequest): every page's first question.
  window.__c365Me = get('/api/v1/auth/me');

  const month = (back) => {
    const d = new Date();
    d.setDate(1);
    d.setMonth(d.getMonth() - back);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
  };
  // A page's main data: the API path, the page's URL parameters it passes on, and its defaults (as the page sets them).
  const PAGES = {
    // src/features/revenue/queries.ts (seriesQuery) and search.ts (withDefaults)
    '/revenue': {
      api: '/api/v1/metrics/mrr',
      keep: ['market', 'edition', 'plan', 'owner', 'segment', 'tag', 'from', 'to', 'by', 'groupBy'],
      defaults: () => ({ from: month(11), to: month(0), by: 'month' }),
    },
  };
  const page = PAGES[location.pathname];
  if (!page) return;
  const from = new URLSearchParams(location.search);
  const params = new URLSearchParams();
  const defaults = page.defaults();
  for (const key of page.keep) {
    const value = from.get(key) || defaults[key];
    if (value) params.set(key, value);
  }
  params.sort();
  const url = `${page.api}?${params}`;
  window.__c365Early = { [url]: get(url) };
})();
