// The revenue metrics at scale: the 60-month MRR series with all movements by month (GET /api/v1/metrics/mrr),
// for the whole organisation, one market and grouped by market, from the real server in its own process, next to
// the floor measured in the same run: a plain SQL aggregate over the same mrr_changes rows through the driver.
// PostgreSQL at each of BENCH_METRICS_SIZES, then PGlite at BENCH_METRICS_PGLITE_SIZE.
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../apps/server/src/platform/db/database.ts';
import { type Child, freePort, spawnTs, startProduct, waitFor200 } from './lib/child.ts';
import { replaceDocsSection, WRITE_DOCS } from './lib/docs.ts';
import { applyBenchNice, describeMachine, gitCommit, median, reniceProcesses, table } from './lib/machine.ts';
import {
  ensureMetricsData,
  HISTORY_MONTHS,
  METRICS_PASSWORD,
  type MetricsData,
  pgliteSink,
  pgSink,
  type Sink,
} from './lib/metrics-data.ts';
import { METRICS_CHANGES, METRICS_HOW } from './lib/metrics-docs.ts';
import { agreesWithFloor, metricsCases, signIn, timeFloor, timeSeries } from './lib/metrics-measure.ts';
import { chromiumAvailable, ensureWebBuilt, timeFirstPaint } from './lib/metrics-paint.ts';

const env = process.env;
const DATABASE_URL = env.BENCH_DATABASE_URL ?? 'postgres://c365:c365@127.0.0.1:5432/c365_mbench';
const SIZES = (env.BENCH_METRICS_SIZES ?? '10000,100000').split(',').filter(Boolean).map(Number);
const PGLITE_SIZE = Number(env.BENCH_METRICS_PGLITE_SIZE ?? 10_000);
const PGLITE_DIR = env.BENCH_METRICS_PGLITE_DIR ?? path.join(os.tmpdir(), `c365-metrics-bench-pglite-${PGLITE_SIZE}`);
const ROUNDS = Number(env.BENCH_ROUNDS ?? 5);
const WARMUP = Number(env.BENCH_METRICS_WARMUP ?? 3);
const RESEED = env.BENCH_RESEED === '1';
/** BENCH_METRICS_PAINT=0 skips the dashboard's first paint in Chromium. */
const PAINT = env.BENCH_METRICS_PAINT !== '0';
const PAINT_GOAL_MS = 1500;
const MARKET = 'NL';
const GOAL_MS = 1000;
const GOAL_RATIO = 3;
const { from: FROM, to: TO } = HISTORY_MONTHS;
const FROM_DAY = `${FROM}-01`;
// The product counts to today: the floor reads the same rows (not the changes the generator scheduled after today).
const TO_DAY = [new Date().toISOString().slice(0, 10), `${TO}-31`].sort()[0] as string;

interface TRun {
  engine: string;
  data: MetricsData;
  /** Per case: product times and floor times (ms), one per round, and whether the MRR moved as the floor says. */
  cases: { name: string; product: number[]; floor: number[]; agrees: boolean; mrr: number; customers: number }[];
  /** The revenue dashboard's first paint over the 60 months (ms per round); empty when not measured. */
  paint: number[];
}

const nice = applyBenchNice();
/** Built before any product process starts: a server serves the dist folder it found when it started. */
let paintReady = false;
const log = (s: string) => process.stderr.write(s);
const cases = metricsCases(FROM, TO, MARKET);

async function measureProduct(run: TRun, baseUrl: string, email: string, floorSink: Sink | null, beforeRound: () => Promise<void>) {
  const cookie = await signIn(baseUrl, email, METRICS_PASSWORD);
  for (const c of cases) for (let i = 0; i < WARMUP; i++) await timeSeries(baseUrl, cookie, c.query);
  for (let round = 1; round <= ROUNDS; round++) {
    await beforeRound();
    for (const [i, c] of cases.entries()) {
      const r = await timeSeries(baseUrl, cookie, c.query);
      const slot = run.cases[i] as TRun['cases'][number];
      slot.product.push(r.ms);
      const last = r.body.periods.at(-1);
      slot.mrr = last?.mrr ?? 0;
      slot.customers = last?.customers ?? 0;
      if (r.body.periods.length !== 60) throw new Error(`${c.name}: ${r.body.periods.length} periods, expected 60`);
      if (floorSink) {
        const f = await timeFloor(floorSink, c.floorSql, run.data.orgId, FROM_DAY, TO_DAY);
        slot.floor.push(f.ms);
        if (round === 1 && i < 2) slot.agrees = agreesWithFloor(r.body, f.rows);
      }
      log(
        `${run.engine} ${run.data.accounts}: round ${round}: ${c.name}: ${Math.round(r.ms)} ms${floorSink ? `, floor ${Math.round(slot.floor.at(-1) ?? 0)} ms` : ''}\n`,
      );
    }
  }
  if (paintReady) {
    run.paint = await timeFirstPaint(baseUrl, cookie, `from=${FROM}&to=${TO}&by=month`, ROUNDS);
    log(`${run.engine} ${run.data.accounts}: dashboard first paint ${run.paint.map((x) => Math.round(x)).join(' / ')} ms\n`);
  }
}

const newRun = (engine: string, data: MetricsData): TRun => ({
  engine,
  data,
  cases: cases.map((c) => ({ name: c.name, product: [], floor: [], agrees: true, mrr: 0, customers: 0 })),
  paint: [],
});

async function postgresRun(accounts: number): Promise<TRun> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  let app: Child | null = null;
  try {
    const data = await ensureMetricsData(pgSink(client), accounts, RESEED, log);
    const run = newRun('PostgreSQL', data);
    // Serving only: a worker would run the scheduled jobs (the nightly health recompute of every benchmark
    // organisation, 1.1M accounts) in the measured process.
    const started = await startProduct(DATABASE_URL, { PG_POOL_MAX: '10', PROCESS_ROLE: 'web' });
    app = started.app;
    const base = started.base;
    const backends = async () =>
      (await client.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database()')).rows.map((r) => r.pid);
    await measureProduct(run, base, data.email, pgSink(client), async () => reniceProcesses(await backends(), nice));
    return run;
  } finally {
    await app?.stop();
    await client.end();
  }
}

/** PGlite: one process owns the data directory, so the floor is measured first, in this process, then the server's. */
async function pgliteRun(accounts: number): Promise<TRun> {
  const database = await openDatabase({ dataDir: PGLITE_DIR, durableWrites: false });
  let run: TRun;
  try {
    await database.migrate();
    const sink = pgliteSink(database.pglite as NonNullable<typeof database.pglite>);
    run = newRun('PGlite', await ensureMetricsData(sink, accounts, RESEED, log));
    for (const [i, c] of cases.entries()) {
      for (let w = 0; w < WARMUP; w++) await timeFloor(sink, c.floorSql, run.data.orgId, FROM_DAY, TO_DAY);
      for (let round = 0; round < ROUNDS; round++)
        run.cases[i]?.floor.push((await timeFloor(sink, c.floorSql, run.data.orgId, FROM_DAY, TO_DAY)).ms);
    }
  } finally {
    await database.close();
  }
  const port = await freePort();
  const app = spawnTs('apps/server/src/main.ts', {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: PGLITE_DIR,
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    PROCESS_ROLE: 'web',
  });
  try {
    await waitFor200(`http://127.0.0.1:${port}/api/health`, app, performance.now(), 300_000);
    await measureProduct(run, `http://127.0.0.1:${port}`, run.data.email, null, async () => {});
  } finally {
    await app.stop();
  }
  return run;
}

const ms = (x: number) => `${Math.round(x).toLocaleString('en-US')} ms`;
const list = (xs: number[]) => xs.map((x) => Math.round(x)).join(' / ');

function report(runs: TRun[], pgVersion: string, loadAtStart: string): string {
  const lines: string[] = [];
  lines.push(
    '## Revenue metrics',
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`${WRITE_DOCS ? 'npm run bench:metrics -- --write-docs' : 'npm run bench:metrics'}\`${nice !== null ? ` (BENCH_NICE=${nice})` : ''}.`,
    '',
    describeMachine({ PostgreSQL: pgVersion, Commit: gitCommit() }).replace(
      /Load average at start[^\n]*/,
      `Load average at start (1/5/15 min): ${loadAtStart}`,
    ),
    `- Rounds: ${ROUNDS} after ${WARMUP} warm-up requests per case; one request at a time; a round asks each case once, then runs its floor`,
    '',
    METRICS_HOW,
    '',
  );
  for (const run of runs) {
    const d = run.data;
    const gen = d.seconds
      ? `generated now in ${d.seconds.total.toFixed(0)} s: accounts and catalogue ${d.seconds.accounts.toFixed(1)} s, histories replayed and derived in Node ${d.seconds.derive.toFixed(1)} s, COPY ${d.seconds.copy.toFixed(1)} s, VACUUM ANALYZE ${d.seconds.analyze.toFixed(1)} s`
      : 'kept from an earlier run';
    lines.push(
      `### ${run.engine}, ${d.accounts.toLocaleString('en-US')} accounts`,
      '',
      `${d.changes.toLocaleString('en-US')} subscription changes, ${d.lineVersions.toLocaleString('en-US')} line versions, ${d.mrrChanges.toLocaleString('en-US')} rows in mrr_changes (${gen}).`,
      '',
      table(
        [
          '60 months by month',
          'product (median)',
          'every round',
          'floor (median)',
          'every round',
          'product ÷ floor',
          'MRR Dec 2026',
          'goal ≤ 1 s and ≤ 3× floor',
        ],
        run.cases.map((c) => {
          const p = median(c.product);
          const f = c.floor.length ? median(c.floor) : Number.NaN;
          const ratio = p / f;
          return [
            c.name,
            `**${ms(p)}**`,
            list(c.product),
            c.floor.length ? ms(f) : 'n/a',
            list(c.floor),
            c.floor.length ? `**${ratio.toFixed(1)}×**` : 'n/a',
            `${Math.round(c.mrr).toLocaleString('en-US')} EUR, ${c.customers.toLocaleString('en-US')} customers`,
            p <= GOAL_MS && ratio <= GOAL_RATIO ? 'met' : p <= GOAL_MS ? 'time met, ratio MISSED' : 'MISSED',
          ];
        }),
      ),
      '',
      `- Month by month, the product's MRR moved exactly by the floor's sum of changes: ${run.cases
        .slice(0, 2)
        .map((c) => `${c.name} ${c.agrees ? 'yes' : 'NO'}`)
        .join(', ')}.`,
      run.paint.length
        ? `- The revenue dashboard's first paint over these 60 months (GET /revenue?from=${FROM}&to=${TO}&by=month in a fresh Chromium context at 1440×900, until the MRR card, the MRR chart and the movement bars are drawn): **${ms(median(run.paint))}** (${list(run.paint)}); goal < 1.5 s ${median(run.paint) < PAINT_GOAL_MS ? 'met' : 'MISSED'}.`
        : "- The dashboard's first paint was not measured (BENCH_METRICS_PAINT=0, no Chromium, or the web app could not be built).",
      '',
    );
  }
  const pgRuns = runs.filter((r) => r.engine === 'PostgreSQL');
  if (pgRuns.length > 1)
    lines.push(
      'How it grows (PostgreSQL, medians):',
      '',
      table(
        ['accounts', 'rows in mrr_changes', ...cases.map((c) => c.name), 'floor (a)', 'dashboard first paint'],
        pgRuns.map((r) => [
          r.data.accounts.toLocaleString('en-US'),
          r.data.mrrChanges.toLocaleString('en-US'),
          ...r.cases.map((c) => ms(median(c.product))),
          ms(median(r.cases[0]?.floor ?? [])),
          r.paint.length ? ms(median(r.paint)) : 'n/a',
        ]),
      ),
      '',
    );
  if (!pgRuns.some((r) => r.data.accounts >= 1_000_000))
    lines.push(
      '1M accounts were not measured in this run (`BENCH_METRICS_SIZES=10000,100000,1000000`; generating them takes about ' +
        'ten times the 100k organisation, and about 12 GB).',
      '',
    );
  lines.push(METRICS_CHANGES);
  return lines.join('\n');
}

async function main() {
  const loadAtStart = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
  const database = await openDatabase({ databaseUrl: DATABASE_URL, dataDir: 'unused' });
  await database.migrate();
  const pgVersion = (await database.ping()).version.replace(/^PostgreSQL (\S+).*?(\(Debian [^)]*\))?.*$/, '$1 $2').trim();
  await database.close();
  paintReady = PAINT && chromiumAvailable() && ensureWebBuilt(log);
  log(`load average at start: ${loadAtStart}\n`);
  const runs: TRun[] = [];
  for (const size of SIZES) runs.push(await postgresRun(size));
  if (PGLITE_SIZE > 0) runs.push(await pgliteRun(PGLITE_SIZE));
  const section = report(runs, pgVersion, loadAtStart);
  process.stdout.write(`\n${section}\n`);
  if (WRITE_DOCS) replaceDocsSection(section);
}

main().catch((err: Error) => {
  process.stderr.write(`${err.stack ?? err.message}\n`);
  process.exit(1);
});
