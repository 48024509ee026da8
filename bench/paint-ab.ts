// The revenue dashboard's first paint for two (or more) builds of the web app, side by side: one product process per
// build (WEB_DIST) on the same PostgreSQL organisation of the revenue-metrics bench (made on first use), the rounds
// alternating between them, so both see the same load. For a change to the web app's loading, on a shared machine.
//
//   npm run bench:paint-ab -- /tmp/web-before /tmp/web-after      # each a `vite build --outDir …` of apps/web
//   BENCH_PAINT_ACCOUNTS=10000 BENCH_ROUNDS=7 npm run bench:paint-ab -- A B
import pg from 'pg';
import { startProduct } from './lib/child.ts';
import { ensureMetricsData, HISTORY_MONTHS, METRICS_PASSWORD, pgSink } from './lib/metrics-data.ts';
import { signIn } from './lib/metrics-measure.ts';
import { timeFirstPaint } from './lib/metrics-paint.ts';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://c365:c365@127.0.0.1:5432/c365_mbench';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ACCOUNTS = Number(process.env.BENCH_PAINT_ACCOUNTS ?? 100_000);
const builds = process.argv.slice(2);
if (builds.length < 2) throw new Error('usage: npm run bench:paint-ab -- <web build A> <web build B> [...]');
const client = new pg.Client({ connectionString: DATABASE_URL });
await client.connect();
const data = await ensureMetricsData(pgSink(client), ACCOUNTS, false, (s) => process.stderr.write(s));
await client.end();
const servers = [];
for (const dist of builds) {
  const { app, base } = await startProduct(DATABASE_URL, { PG_POOL_MAX: '10', PROCESS_ROLE: 'web', WEB_DIST: dist });
  servers.push({ dist, app, base, cookie: await signIn(base, data.email, METRICS_PASSWORD), times: [] as number[] });
}
const query = `from=${HISTORY_MONTHS.from}&to=${HISTORY_MONTHS.to}&by=month`;
for (const s of servers) await timeFirstPaint(s.base, s.cookie, query, 0, 1);
for (let r = 0; r < ROUNDS; r++)
  for (const s of servers) {
    const [t] = await timeFirstPaint(s.base, s.cookie, query, 1, 0);
    s.times.push(t as number);
    process.stderr.write(`${s.dist}: ${Math.round(t as number)} ms\n`);
  }
for (const s of servers) {
  const sorted = [...s.times].sort((a, b) => a - b);
  console.log(
    `${s.dist}: first paint median ${Math.round(sorted[Math.floor(sorted.length / 2)] as number)} ms (${s.times.map(Math.round).join(' / ')}), ${ACCOUNTS} accounts`,
  );
  await s.app.stop();
}
