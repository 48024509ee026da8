// The organisation's monthly revenue summary on the revenue-metrics bench data: how long the product takes to build it
// (buildSummary, what the rebuild job and a first series of an organisation from before the summary run), and the
// whole organisation's 60-month series read from it against the same series read from every account's monthly
// row (the path segments still take), timed alternately in the same run and compared figure by figure.
//
//   npm run bench:metrics-summary                      # the 100k organisation in c365_mbench
//   BENCH_METRICS_SUMMARY_ACCOUNTS=10000 BENCH_ROUNDS=7 npm run bench:metrics-summary
//
// Needs the organisation (npm run bench:metrics makes it). Writes only that organisation's summary.
import { sql } from 'drizzle-orm';
import { buildSummary, computeSeries, ZMetricSettings } from '../apps/server/src/modules/metrics/index.ts';
import { openDatabase } from '../apps/server/src/platform/db/database.ts';
import { median } from './lib/machine.ts';
import { HISTORY_MONTHS, metricsSlug } from './lib/metrics-data.ts';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://c365:c365@127.0.0.1:5432/c365_mbench';
const ACCOUNTS = Number(process.env.BENCH_METRICS_SUMMARY_ACCOUNTS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const database = await openDatabase({ databaseUrl: DATABASE_URL, dataDir: 'unused' });
await database.migrate();
const { db } = database;
try {
  const rows = (await db.execute(sql`select id from organisations where slug = ${metricsSlug(ACCOUNTS)}`)) as unknown as {
    rows: { id: string }[];
  };
  const orgId = rows.rows[0]?.id;
  if (!orgId) throw new Error(`no organisation ${metricsSlug(ACCOUNTS)}: run npm run bench:metrics first`);
  // The organisation's conventions, as the service reads them (metric_settings with defaults, the reporting currency).
  const conventions = (await db.execute(
    sql`select s.settings, o.reporting_currency from organisations o left join metric_settings s on s.org_id = o.id where o.id = ${orgId}`,
  )) as unknown as { rows: { settings: Record<string, unknown> | null; reporting_currency: string }[] };
  const [row] = conventions.rows;
  const settings = { ...ZMetricSettings.parse(row?.settings ?? {}), reportingCurrency: row?.reporting_currency ?? 'EUR' };
  const ms = (t0: number) => Math.round(performance.now() - t0);
  let t0 = performance.now();
  await db.transaction((tx) => buildSummary(tx, orgId, settings.reactivationWindowDays, new Date()));
  const build = ms(t0);
  const months = (await db.execute(sql`select count(*)::int as n from mrr_month_summaries where org_id = ${orgId}`)) as unknown as {
    rows: { n: number }[];
  };
  console.log(`build: ${build} ms (${months.rows[0]?.n} months, ${ACCOUNTS} accounts)`);
  const q = { from: HISTORY_MONTHS.from, to: HISTORY_MONTHS.to, by: 'month' as const, asOf: new Date().toISOString().slice(0, 10) };
  const series = (summary: boolean) => computeSeries(db, orgId, q, settings, undefined, { summary });
  const times = { summary: [] as number[], rows: [] as number[] };
  let same = true;
  for (let r = -1; r < ROUNDS; r++) {
    t0 = performance.now();
    const a = await series(true);
    const ta = ms(t0);
    t0 = performance.now();
    const b = await series(false);
    const tb = ms(t0);
    same &&= JSON.stringify(a) === JSON.stringify(b);
    if (r < 0) continue;
    times.summary.push(ta);
    times.rows.push(tb);
  }
  console.log(`series from the summary: median ${median(times.summary)} ms (${times.summary.join(' / ')})`);
  console.log(`series from the accounts' rows: median ${median(times.rows)} ms (${times.rows.join(' / ')})`);
  console.log(`summary ÷ accounts' rows: ${(median(times.summary) / median(times.rows)).toFixed(2)}×; identical answers: ${same}`);
  if (!same) process.exitCode = 1;
} finally {
  await database.close();
}
