// Full recompute of the health scores at scale: every account of the revenue-metrics benchmark organisation
// (bench/lib/metrics-data.ts: N accounts with five years of subscription changes and their MRR change points) with
// a year of product usage (bench/lib/usage-data.ts: BENCH_HEALTH_EVENTS events, 10M by default, in usage_events and
// its rollups) scored with the default scorecard and its usage measures (the version the demo saves: usage trend,
// feature breadth, licences in use, days since last seen) through the health service (set-based reads, batched
// writes of the latest score and the day's history row), next to the floor measured in the same run: one plain SQL
// aggregate over the same mrr_changes and usage rollup rows (each account's latest MRR, its MRR 90 days ago, since
// when it is a customer, its events of the last 30 days and the 30 before, its active users, its last day seen),
// no writes, without JIT as the product's reads (once with the server's JIT too); and the rewrite floor: every
// latest score rewritten by one plain UPDATE (rolled back), what writing 100k scores costs at least.
//
//   BENCH_DATABASE_URL=postgres://… npm run bench:health            # 100,000 accounts (BENCH_HEALTH_ACCOUNTS)
import os from 'node:os';
import pg from 'pg';
import pino from 'pino';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config/config.ts';
import { USAGE_MEASURES } from '../apps/server/src/modules/usage/index.ts';
import type { Actor } from '../apps/server/src/platform/access/access.ts';
import { systemClock } from '../apps/server/src/platform/clock.ts';
import { openDatabase } from '../apps/server/src/platform/db/database.ts';
import { createSmtpMailer } from '../apps/server/src/platform/mail/outbox.ts';
import { applyBenchNice, describeMachine, median } from './lib/machine.ts';
import { ensureMetricsData, pgSink } from './lib/metrics-data.ts';
import { ensureUsageData } from './lib/usage-data.ts';

const env = process.env;
const DATABASE_URL = env.BENCH_DATABASE_URL ?? 'postgres://c365:c365@127.0.0.1:5432/c365_mbench';
const ACCOUNTS = Number(env.BENCH_HEALTH_ACCOUNTS ?? 100_000);
const EVENTS = Number(env.BENCH_HEALTH_EVENTS ?? 10_000_000);
const ROUNDS = Number(env.BENCH_ROUNDS ?? 3);
const GOAL_S = 10;
const log = (s: string) => process.stderr.write(s);

const FLOOR = `
  with m as (
    select account_id,
           (array_agg(mrr_after_cents order by effective_date desc))[1] as mrr,
           (array_agg(mrr_after_cents order by effective_date desc) filter (where effective_date <= current_date - 90))[1] as mrr_90,
           max(effective_date) filter (where active_after and not active_before) as since
    from mrr_changes where org_id = $1 and effective_date <= current_date group by account_id
  ), e as (
    select account_id, sum(count) filter (where day > current_date - 30) as events_30d,
           sum(count) filter (where day <= current_date - 30) as events_prev_30d
    from usage_daily_events where org_id = $1 and day > current_date - 60 and day <= current_date group by account_id
  ), u as (
    select account_id, count(distinct user_id) as users_30d
    from usage_daily_users where org_id = $1 and day > current_date - 30 and day <= current_date group by account_id
  )
  select m.*, e.events_30d, e.events_prev_30d, u.users_30d, act.last_seen_at
  from m left join e using (account_id) left join u using (account_id)
  left join usage_account_activity act on act.org_id = $1 and act.account_id = m.account_id`;

/** The usage measures the demo adds to the default scorecard (usage.demo.ts), with their default thresholds. */
const USAGE_WEIGHTS: Record<string, number> = {
  'usage.trend_percent': 3,
  'usage.feature_breadth': 2,
  'usage.licence_use': 2,
  'usage.days_since_last_seen': 2,
};

async function main() {
  applyBenchNice();
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  // Migrated first: a new database gets its tables before the data is made.
  const database = await openDatabase({ databaseUrl: DATABASE_URL, dataDir: '', poolMax: 10 });
  await database.migrate();
  const data = await ensureMetricsData(pgSink(client), ACCOUNTS, env.BENCH_RESEED === '1', log);
  const usage = await ensureUsageData(client, data.orgId, EVENTS, env.BENCH_RESEED_USAGE === '1', log);
  if (usage.seconds)
    log(
      `usage generated in ${usage.seconds.total.toFixed(1)} s (COPY ${usage.seconds.copy.toFixed(1)} s, rollups ${usage.seconds.rollups.toFixed(1)} s, analyze ${usage.seconds.analyze.toFixed(1)} s)\n`,
    );
  const config = loadConfig({ DATABASE_URL, LOG_LEVEL: 'silent', SEED_DEMO: 'false', DATA_DIR: os.tmpdir() });
  const { app, services } = await buildApp({
    config,
    database,
    clock: systemClock,
    logger: pino({ level: 'silent' }),
    mailer: createSmtpMailer(undefined),
  });
  await withUsageMeasures(client, services, data.orgId);
  // The floor without JIT, as the product's reads run (bulk.ts longRead): compiling this plan took seconds of it.
  // Once with the server's default (JIT on), for comparison with the earlier figures.
  const tj = performance.now();
  await client.query(FLOOR, [data.orgId]);
  const floorJit = (performance.now() - tj) / 1000;
  await client.query('set jit = off');
  const product: number[] = [];
  const floor: number[] = [];
  const rewrite: number[] = [];
  let result = { accounts: 0, scored: 0, red: 0, yellow: 0, green: 0 };
  for (let r = 0; r < ROUNDS; r++) {
    let t0 = performance.now();
    const rows = (await client.query(FLOOR, [data.orgId])).rowCount ?? 0;
    floor.push((performance.now() - t0) / 1000);
    // What writing the scores costs at least: every latest score rewritten in place by one plain UPDATE (no new
    // values), rolled back. The recompute rewrites the same rows with new documents.
    t0 = performance.now();
    await client.query('begin');
    await client.query('update health_scores set computed_at = computed_at where org_id = $1', [data.orgId]);
    await client.query('rollback');
    rewrite.push((performance.now() - t0) / 1000);
    t0 = performance.now();
    const timings: Record<string, number> = {};
    result = await services.health.recompute(data.orgId, null, timings);
    product.push((performance.now() - t0) / 1000);
    log(
      `  ${Object.entries(timings)
        .map(([k, v]) => `${k} ${(v / 1000).toFixed(2)} s`)
        .join(', ')}\n`,
    );
    log(
      `round ${r + 1}: recompute ${product[r]?.toFixed(2)} s (${result.accounts} accounts), floor ${floor[r]?.toFixed(2)} s (${rows} rows), rewrite ${rewrite[r]?.toFixed(2)} s\n`,
    );
  }
  const p = median(product);
  const f = median(floor);
  process.stdout.write(
    [
      '## Health recompute',
      '',
      `${describeMachine()}; PostgreSQL; ${data.accounts.toLocaleString('en-US')} accounts, ${data.mrrChanges.toLocaleString('en-US')} MRR change points, ${usage.events.toLocaleString('en-US')} usage events of ${usage.accountsWithUsage.toLocaleString('en-US')} accounts; median of ${ROUNDS} rounds.`,
      '',
      '| what | seconds | goal |',
      '| --- | --- | --- |',
      `| full recompute (read inputs, score, write latest + history) | ${p.toFixed(2)} | ≤ ${GOAL_S} s ${p <= GOAL_S ? '✓' : '✗'} |`,
      `| floor: one SQL aggregate of the same MRR and usage rollup rows, no writes | ${f.toFixed(2)} | — |`,
      `| ratio | ${(p / f).toFixed(1)}× | — |`,
      `| floor with the server's JIT on (once, before the rounds) | ${floorJit.toFixed(2)} | — |`,
      `| rewrite floor: every latest score rewritten by one plain UPDATE, rolled back | ${median(rewrite).toFixed(2)} | — |`,
      `| ratio to read floor + rewrite floor | ${(p / (f + median(rewrite))).toFixed(1)}× | — |`,
      '',
      `Scored ${result.scored.toLocaleString('en-US')} of ${result.accounts.toLocaleString('en-US')}: ${result.red} poor, ${result.yellow} fair, ${result.green} good.`,
      '',
    ].join('\n'),
  );
  await app.close();
  await client.end();
}

/** The default scorecard with the demo's usage measures (a new version, once). */
async function withUsageMeasures(client: pg.Client, services: Awaited<ReturnType<typeof buildApp>>['services'], orgId: string) {
  const [admin] = (
    await client.query<{ id: string }>(`select id from users where org_id = $1 order by role = 'admin' desc, id limit 1`, [orgId])
  ).rows;
  const actor: Actor = { orgId, userId: admin?.id as string, name: 'Bench Admin', role: 'admin', ownAccountsOnly: false };
  const card = (await services.health.listScorecards(actor)).items.find((c) => c.segment === null);
  if (!card || card.measures.some((m) => m.source in USAGE_WEIGHTS)) return;
  await services.health.updateScorecard(actor, card.id, {
    name: card.name,
    segment: null,
    measures: [
      ...card.measures,
      ...USAGE_MEASURES.filter((m) => USAGE_WEIGHTS[m.key]).map((m) => ({
        source: m.key,
        weight: USAGE_WEIGHTS[m.key] as number,
        thresholds: m.defaultThresholds,
      })),
    ],
    explanation: 'Usage added: trend, feature breadth, licences in use and days since last seen.',
  });
}

await main();
process.exit(0);
