// Where the revenue dashboard's first paint goes: the same first visit as bench/lib/metrics-paint.ts (built web app
// served by the product, fresh Chromium context signed in with a session cookie, /revenue over the 60 months), but
// printing a timeline: the HTML, each script and style sheet (start, end, bytes on the wire), the API requests,
// the main thread's long tasks (parse, evaluate, render), the first frame with content in #root and the frame
// with the figures drawn.
//
//   BENCH_DATABASE_URL=postgres://… npx tsx bench/paint-timeline.ts [accounts=10000] [rounds=3] [path]
//
// Needs the metrics bench organisation of that size in the database (npm run bench:metrics makes it) and a web
// build (npm run build).
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { freePort, spawnTs, waitFor200 } from './lib/child.ts';
import { METRICS_PASSWORD, metricsEmail, metricsSlug } from './lib/metrics-data.ts';
import { signIn } from './lib/metrics-measure.ts';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://c365:c365@127.0.0.1:5432/c365_mbench';
const ACCOUNTS = Number(process.argv[2] ?? 10_000);
const ROUNDS = Number(process.argv[3] ?? 3);
/** PAINT_DEMO=1: the demo organisation instead (seeded on the first start in that database), signed in as its VP. */
const DEMO = process.env.PAINT_DEMO === '1';
const PATH = process.argv[4] ?? '/revenue?from=2022-01&to=2026-12&by=month';
/** PROFILE=1: a CPU profile of each round, its self time summed per function and per script (PROFILE_FILE=… keeps the last one, for DevTools). */
const PROFILE = process.env.PROFILE === '1';

interface TProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/** TRACE=1: a Chromium trace of each round; the renderer main thread's time per kind of work, up to the figures drawn. */
const TRACE = process.env.TRACE === '1';

interface TTraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { frame?: string; url?: string } };
}

function printTrace(buffer: Buffer, drawn: number, longTasks: [number, number][]) {
  const events = (JSON.parse(buffer.toString()) as { traceEvents: TTraceEvent[] }).traceEvents;
  if (process.env.TRACE_FILE) fs.writeFileSync(process.env.TRACE_FILE, buffer);
  // The page's renderer: the main thread with the most events (the blank page before it has its own).
  const count = new Map<number, number>();
  for (const e of events) count.set(e.pid, (count.get(e.pid) ?? 0) + 1);
  const main = events
    .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
    .sort((a, b) => (count.get(b.pid) ?? 0) - (count.get(a.pid) ?? 0))[0];
  if (!main) return;
  const nav = events.filter((e) => e.pid === main.pid && e.name === 'navigationStart').at(-1);
  const t0 = nav?.ts ?? 0;
  const end = t0 + drawn * 1000;
  const own = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur && e.ts >= t0 && e.ts <= end);
  const sum = new Map<string, number>();
  for (const e of own) sum.set(e.name, (sum.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
  const names = [
    'RunTask',
    'ParseHTML',
    'v8.compile',
    'v8.compileModule',
    'v8.evaluateModule',
    'EvaluateScript',
    'FunctionCall',
    'TimerFire',
    'FireAnimationFrame',
    'ParseAuthorStyleSheet',
    'UpdateLayoutTree',
    'Layout',
    'PrePaint',
    'Paint',
    'Layerize',
    'MajorGC',
    'MinorGC',
    'V8.GC_SCAVENGER',
    'ResourceReceivedData',
  ];
  console.log('main thread until drawn (ms, nested events counted in each):');
  console.log(
    names
      .filter((n) => sum.has(n))
      .map((n) => `  ${n} ${Math.round(sum.get(n) ?? 0)}`)
      .join('\n'),
  );
  // Each long task the page saw: what ran in it (events nested in others are counted in each).
  const KINDS = [
    'v8.compile',
    'v8.compileModule',
    'v8.evaluateModule',
    'FunctionCall',
    'TimerFire',
    'FireAnimationFrame',
    'RunMicrotasks',
    'ParseAuthorStyleSheet',
    'UpdateLayoutTree',
    'Layout',
    'PrePaint',
    'Paint',
    'MajorGC',
    'MinorGC',
    'ParseHTML',
    'ResizeObserver::BroadcastObservations',
    'HitTest',
    'RecalculateStyles',
  ];
  for (const [start, duration] of longTasks) {
    const from = t0 + start * 1000;
    const to = from + duration * 1000;
    const part = new Map<string, number>();
    for (const e of own)
      if (KINDS.includes(e.name) && e.ts >= from && e.ts <= to) part.set(e.name, (part.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
    console.log(
      `  task ${Math.round(start)} +${Math.round(duration)}: ${[...part]
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ${Math.round(v)}`)
        .join(', ')}`,
    );
  }
}

function printProfile(profile: TProfile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfMs = new Map<number, number>();
  for (const [i, id] of profile.samples.entries()) selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  const perFunction = new Map<string, number>();
  const perScript = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const f = byId.get(id)?.callFrame;
    if (!f) continue;
    const script = f.url.replace(/^https?:\/\/[^/]+/, '') || '(native)';
    perScript.set(script, (perScript.get(script) ?? 0) + ms);
    const key = `${f.functionName || '(anonymous)'} ${script}:${f.lineNumber}`;
    perFunction.set(key, (perFunction.get(key) ?? 0) + ms);
  }
  // The busy stretches (no idle sample for 100 ms or more): what each spent its time in, own and with callees.
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  type TStretch = { start: number; samples: { id: number; ms: number }[] };
  let t = 0;
  let current: TStretch | null = null;
  const stretches: TStretch[] = [];
  for (const [i, id] of profile.samples.entries()) {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    t += ms;
    const idle = byId.get(id)?.callFrame.functionName === '(idle)';
    if (!idle) {
      current ??= { start: t, samples: [] };
      current.samples.push({ id, ms });
    } else if (current) {
      if (t - current.start >= 100) stretches.push(current);
      current = null;
    }
  }
  if (current) stretches.push(current);
  for (const st of stretches) {
    const inclusive = new Map<string, number>();
    const own = new Map<string, number>();
    for (const { id, ms } of st.samples) {
      const seen = new Set<string>();
      for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
        const name = byId.get(n)?.callFrame.functionName || '(anonymous)';
        if (n === id) own.set(name, (own.get(name) ?? 0) + ms);
        if (!seen.has(name)) inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
        seen.add(name);
      }
    }
    if (process.env.STACK_OF) {
      const stacks = new Map<string, number>();
      for (const { id, ms } of st.samples) {
        const names: string[] = [];
        for (let n: number | undefined = id; n !== undefined; n = parent.get(n))
          names.push(byId.get(n)?.callFrame.functionName || '(anonymous)');
        if (!names.includes(process.env.STACK_OF)) continue;
        const key = names.slice(0, 40).join(' < ');
        stacks.set(key, (stacks.get(key) ?? 0) + ms);
      }
      for (const [k, v] of [...stacks].sort((a, b) => b[1] - a[1]).slice(0, 3)) console.log(`  stack ${Math.round(v)} ms: ${k}`);
    }
    const total = st.samples.reduce((x, s) => x + s.ms, 0);
    const fmt = (m: Map<string, number>, n: number) =>
      [...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, n)
        .map(([k, v]) => `${k} ${Math.round(v)}`)
        .join(', ');
    console.log(`busy ${Math.round(total)} ms:\n  own: ${fmt(own, 15)}\n  with callees: ${fmt(inclusive, 40)}`);
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `  ${String(Math.round(v)).padStart(5)} ms  ${k}`);
  console.log(['self time per script:', ...top(perScript, 12), 'self time per function:', ...top(perFunction, 30)].join('\n'));
}

/** Runs before the app's scripts: long tasks, the first content in #root, and the frame with the figures drawn. */
const WATCH = `(() => {
  globalThis.__c365 = { longTasks: [] };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) globalThis.__c365.longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  const drawn = () =>
    /\\d/.test(document.querySelector('[data-testid="kpi-mrr"] [data-testid="kpi-value"]')?.textContent ?? '') &&
    document.querySelector('[data-testid="chart-mrr"] .recharts-area-curve, [data-testid="chart-mrr"] .recharts-line-curve') &&
    document.querySelector('[data-testid="chart-movements"] .recharts-bar-rectangle');
  const tick = () => {
    const root = document.getElementById('root');
    if (root?.firstChild && globalThis.__c365.firstContent === undefined) globalThis.__c365.firstContent = performance.now();
    if (drawn()) globalThis.__c365.drawn = performance.now();
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

interface TResourceTiming {
  name: string;
  initiatorType: string;
  startTime: number;
  responseEnd: number;
  transferSize: number;
  decodedBodySize: number;
}

interface TTimeline {
  drawn: number;
  firstContent: number;
  longTasks: [number, number][];
  nav: { responseEnd: number; domInteractive: number; domContentLoadedEventEnd: number };
  resources: { name: string; type: string; start: number; end: number; wire: number; body: number }[];
}

const port = await freePort();
const app = spawnTs('apps/server/src/main.ts', {
  PORT: String(port),
  HOST: '127.0.0.1',
  DATABASE_URL,
  LOG_LEVEL: 'warn',
  SEED_DEMO: DEMO ? 'true' : 'false',
  // Serving only, as bench:metrics measures it (no scheduled jobs in the measured process).
  PROCESS_ROLE: 'web',
  ...(process.env.WEB_DIST ? { WEB_DIST: process.env.WEB_DIST } : {}),
});
const base = `http://127.0.0.1:${port}`;
try {
  await waitFor200(`${base}/api/health`, app, performance.now(), 600_000);
  const cookie = DEMO
    ? await signIn(base, 'vp@demo.customer365.test', 'customer365-demo')
    : await signIn(base, metricsEmail(metricsSlug(ACCOUNTS)), METRICS_PASSWORD);
  const [name, value] = cookie.split('=') as [string, string];
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    for (let round = -1; round < ROUNDS; round++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      await context.addCookies([{ name, value, url: base }]);
      await context.addInitScript({ content: WATCH });
      const page = await context.newPage();
      const cdp = PROFILE ? await context.newCDPSession(page) : null;
      if (cdp) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
      }
      if (TRACE)
        await browser.startTracing(page, {
          categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8.execute', 'blink.user_timing'],
        });
      await page.goto(`${base}${PATH}`, { waitUntil: 'commit' });
      await page.waitForFunction(() => (globalThis as { __c365?: { drawn?: number } }).__c365?.drawn !== undefined, undefined, {
        timeout: 120_000,
      });
      const t = await page.evaluate((): TTimeline => {
        const w = (globalThis as unknown as { __c365: { drawn: number; firstContent: number; longTasks: [number, number][] } }).__c365;
        const nav = performance.getEntriesByType('navigation' as never)[0] as unknown as TTimeline['nav'];
        return {
          drawn: w.drawn,
          firstContent: w.firstContent,
          longTasks: w.longTasks,
          nav: { responseEnd: nav.responseEnd, domInteractive: nav.domInteractive, domContentLoadedEventEnd: nav.domContentLoadedEventEnd },
          resources: (performance.getEntriesByType('resource' as never) as unknown as TResourceTiming[]).map((r) => ({
            name: r.name.replace(/^https?:\/\/[^/]+/, ''),
            type: r.initiatorType,
            start: r.startTime,
            end: r.responseEnd,
            wire: r.transferSize,
            body: r.decodedBodySize,
          })),
        };
      });
      const trace = TRACE ? await browser.stopTracing() : null;
      const profile = cdp ? ((await cdp.send('Profiler.stop')) as { profile: TProfile }).profile : null;
      await context.close();
      if (round < 0) continue;
      if (profile && process.env.PROFILE_FILE) fs.writeFileSync(process.env.PROFILE_FILE, JSON.stringify(profile));
      if (profile) printProfile(profile);
      if (trace) printTrace(trace, t.drawn, t.longTasks);
      const f = (x: number) => String(Math.round(x)).padStart(5);
      const kb = (x: number) => `${(x / 1024).toFixed(0)} KB`.padStart(7);
      console.log(`\nround ${round + 1}: drawn at ${Math.round(t.drawn)} ms`);
      console.log(
        `${f(0)} – ${f(t.nav.responseEnd)}  HTML; DOM interactive ${Math.round(t.nav.domInteractive)}, DOMContentLoaded end ${Math.round(t.nav.domContentLoadedEventEnd)}`,
      );
      const scripts = t.resources.filter((r) => r.type !== 'fetch');
      const wire = scripts.reduce((s, r) => s + r.wire, 0);
      const body = scripts.reduce((s, r) => s + r.body, 0);
      const last = scripts.reduce((s, r) => Math.max(s, r.end), 0);
      console.log(
        `${f(scripts[0]?.start ?? 0)} – ${f(last)}  ${scripts.length} scripts/styles: ${kb(wire)} on the wire, ${kb(body)} decoded`,
      );
      for (const r of [...t.resources].sort((a, b) => a.start - b.start))
        if (r.type === 'fetch' || r.body > (process.env.ALL_RESOURCES ? 0 : 50_000))
          console.log(`${f(r.start)} – ${f(r.end)}  ${r.type.padEnd(6)} ${r.name.slice(0, 70)} ${kb(r.wire)}`);
      for (const [start, duration] of t.longTasks)
        console.log(`${f(start)} – ${f(start + duration)}  long task ${Math.round(duration)} ms`);
      console.log(`${f(t.firstContent)}          first content in #root`);
      console.log(`${f(t.drawn)}          MRR card, MRR chart and movement bars drawn`);
    }
  } finally {
    await browser.close();
  }
} finally {
  await app.stop();
}
