// The revenue dashboard's first paint for two (or more) builds of the web app, side by side: one product process per
// build (WEB_DIST) on the same PostgreSQL organisation of the revenue-metrics bench (made on first use), the rounds
// alternating between them, so both see the same load. For a change to the web app's loading, on a shared machine.
//
//   npm run bench:paint-ab -- /tmp/web-before /tmp/web-after      # each a `vite build --outDir …` of apps/web
//   BENCH_PAINT_ACCOUNTS=10000 BENCH_ROUNDS=7 npm run bench:paint-ab -- A B
//   npm run bench:paint-ab -- /tmp/web-before=/work/checkout-before /tmp/web-after   # A served by that checkout's server
//
// A build given as `<build>=<checkout>` is served by the server of another checkout of the product (a `git worktree`
// of the commit compared with, its node_modules linked): a change to the server's answers is then in the comparison too.
import pg from 'pg';
import { startProduct } from './lib/child.ts';
import { ensureMetricsData, HISTORY_MONTHS, METRICS_PASSWORD, pgSink } from './lib/metrics-data.ts';
import { signIn } from './lib/metrics-measure.ts';
import { timeFirstPaint, timeFirstPaintDetailed } from './lib/metrics-paint.ts';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://c365:c365@127.0.0.1:5432/c365_mbench';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ACCOUNTS = Number(process.env.BENCH_PAINT_ACCOUNTS ?? 100_000);
const builds = process.argv.slice(2);
if (builds.length < 2) throw new Error('usage: npm run bench:paint-ab -- <web build A> <web build B> [...]');
const client = new pg.Client({ connectionString: DATABASE_URL });
await client.connect();
const data = await ensureMetricsData(pgSink(client), ACCOUNTS, false, (s) => process.stderr.write(s));
await client.end();
type TServer = {
  dist: string;
  app: { stop(): Promise<unknown> };
  base: string;
  cookie: string;
  times: number[];
  inPage: number[];
  alone: number[];
};
const servers: TServer[] = [];
for (const build of builds) {
  const [dist = build, checkout = ''] = build.split('=');
  const { app, base } = await startProduct(DATABASE_URL, { PG_POOL_MAX: '10', PROCESS_ROLE: 'web', WEB_DIST: dist }, checkout);
  servers.push({
    dist: build,
    app,
    base,
    cookie: await signIn(base, data.email, METRICS_PASSWORD),
    times: [] as number[],
    inPage: [] as number[],
    alone: [] as number[],
  });
}
const query = `from=${HISTORY_MONTHS.from}&to=${HISTORY_MONTHS.to}&by=month`;
/** The series request alone, as the page asks it (no browser beside it): milliseconds to the whole answer. */
async function seriesAlone(s: TServer) {
  const t0 = performance.now();
  const res = await fetch(`${s.base}/api/v1/metrics/mrr?${query}`, { headers: { cookie: s.cookie } });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`series: ${res.status}`);
  return performance.now() - t0;
}
for (const s of servers) {
  await timeFirstPaint(s.base, s.cookie, query, 0, 1);
  await seriesAlone(s);
}
for (let r = 0; r < ROUNDS; r++)
  for (const s of servers) {
    const alone = await seriesAlone(s);
    const [t] = await timeFirstPaintDetailed(s.base, s.cookie, query, 1, 0);
    s.alone.push(alone);
    s.times.push(t?.drawn as number);
    if (t?.series !== null && t?.series !== undefined) s.inPage.push(t.series);
    process.stderr.write(
      `${s.dist}: ${Math.round(t?.drawn as number)} ms (series in the page ${Math.round(t?.series ?? 0)} ms, alone ${Math.round(alone)} ms)\n`,
    );
  }
const med = (xs: number[]) => Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0);
const each = (xs: number[]) => xs.map(Math.round).join(' / ');
for (const s of servers) {
  console.log(`${s.dist}: first paint median ${med(s.times)} ms (${each(s.times)}), ${ACCOUNTS} accounts`);
  console.log(
    `${s.dist}: series during the first visit median ${med(s.inPage)} ms (${each(s.inPage)}); alone ${med(s.alone)} ms (${each(s.alone)})`,
  );
  await s.app.stop();
}
const [a, b] = servers;
if (a && b)
  console.log(
    `${b.dist} ÷ ${a.dist}: first paint ${(med(b.times) / med(a.times)).toFixed(2)}×, series in the page ${(med(b.inPage) / med(a.inPage)).toFixed(2)}×, alone ${(med(b.alone) / med(a.alone)).toFixed(2)}×`,
  );
