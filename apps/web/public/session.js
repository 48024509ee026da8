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
  // The code the app asks for only once its own has run: the UI language's strings and the opened page's code, fetched
  // now while the app's code downloads (the build names their files in <meta name="c365:chunks">, vite.config.ts).
  const preload = (chunk) => {
    try {
      const meta = typeof document === 'undefined' ? null : document.querySelector('meta[name="c365:chunks"]');
      const href = meta && JSON.parse(meta.content)[chunk];
      if (!href) return;
      const link = document.createElement('link');
      link.rel = 'modulepreload';
      link.href = href;
      document.head.appendChild(link);
    } catch {
      // Only a head start: the app asks for these files itself.
    }
  };
  // The language src/i18n/index.ts starts in (initialLanguage): the last one used here, else the browser's, else English.
  const language = () => {
    const known = (l) => ['en', 'nl', 'da'].includes(l);
    let stored = null;
    try {
      stored = localStorage.getItem('c365.language');
    } catch {}
    const browser = navigator.language.slice(0, 2);
    return known(stored) ? stored : known(browser) ? browser : 'en';
  };
  if (typeof document !== 'undefined') preload(`strings-${language()}`);

  // A page's main data: the API path, the page's URL parameters it passes on, and its defaults (as the page sets
  // them); `chunk`, the page's code (vite.config.ts, EARLY_PAGES).
  const PAGES = {
    // src/features/revenue/queries.ts (seriesQuery) and search.ts (withDefaults)
    '/revenue': {
      chunk: 'RevenuePage',
      api: '/api/v1/metrics/mrr',
      keep: ['market', 'edition', 'plan', 'owner', 'segment', 'tag', 'from', 'to', 'by', 'groupBy'],
      defaults: () => ({ from: month(11), to: month(0), by: 'month' }),
    },
  };
  const page = PAGES[location.pathname];
  if (!page) return;
  preload(page.chunk);
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
