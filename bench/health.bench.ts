// Full recompute of the health scores at scale: every account of the revenue-metrics benchmark organisation
// (bench/lib/metrics-data.ts: N accounts with five years of subscription changes and their MRR change points)
// scored with the default scorecard through the health service (set-based reads, batched writes of the latest
// score and the day's history row), next to the floor measured in the same run: one plain SQL aggregate over the
// same mrr_changes rows (each account's latest MRR, its MRR 90 days ago and since when it is a customer), no writes.
// Usage inputs join when the usage module registers its measures.
//
//   BENCH_DATABASE_URL=postgres://… npm run bench:health            # 100,000 accounts (BENCH_HEALTH_ACCOUNTS)
import os from 'node:os';
import pg from 'pg';
import pino from 'pino';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config/config.ts';
import { systemClock } from '../apps/server/src/platform/clock.ts';
import { openDatabase } from '../apps/server/src/platform/db/database.ts';
import { createSmtpMailer } from '../apps/server/src/platform/mail/outbox.ts';
import { describeMachine, median } from './lib/machine.ts';
import { ensureMetricsData, pgSink } from './lib/metrics-data.ts';

const env = process.env;
const DATABASE_URL = env.BENCH_DATABASE_URL ?? 'postgres://c365:c365@127.0.0.1:5432/c365_mbench';
const ACCOUNTS = Number(env.BENCH_HEALTH_ACCOUNTS ?? 100_000);
const ROUNDS = Number(env.BENCH_ROUNDS ?? 3);
const GOAL_S = 10;
const log = (s: string) => process.stderr.write(s);

const FLOOR = `
  select account_id,
         (array_agg(mrr_after_cents order by effective_date desc))[1] as mrr,
         (array_agg(mrr_after_cents order by effective_date desc) filter (where effective_date <= current_date - 90))[1] as mrr_90,
         max(effective_date) filter (where active_after and not active_before) as since
  from mrr_changes where org_id = $1 and effective_date <= current_date group by account_id`;

async function main() {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  const data = await ensureMetricsData(pgSink(client), ACCOUNTS, env.BENCH_RESEED === '1', log);
  const database = await openDatabase({ databaseUrl: DATABASE_URL, dataDir: '', poolMax: 10 });
  await database.migrate();
  const config = loadConfig({ DATABASE_URL, LOG_LEVEL: 'silent', SEED_DEMO: 'false', DATA_DIR: os.tmpdir() });
  const { app, services } = await buildApp({
    config,
    database,
    clock: systemClock,
    logger: pino({ level: 'silent' }),
    mailer: createSmtpMailer(undefined),
  });
  const product: number[] = [];
  const floor: number[] = [];
  let result = { accounts: 0, scored: 0, red: 0, yellow: 0, green: 0 };
  for (let r = 0; r < ROUNDS; r++) {
    let t0 = performance.now();
    const rows = (await client.query(FLOOR, [data.orgId])).rowCount ?? 0;
    floor.push((performance.now() - t0) / 1000);
    t0 = performance.now();
    result = await services.health.recompute(data.orgId);
    product.push((performance.now() - t0) / 1000);
    log(
      `round ${r + 1}: recompute ${product[r]?.toFixed(2)} s (${result.accounts} accounts), floor ${floor[r]?.toFixed(2)} s (${rows} rows)\n`,
    );
  }
  const p = median(product);
  const f = median(floor);
  process.stdout.write(
    [
      '## Health recompute',
      '',
      `${describeMachine()}; PostgreSQL; ${data.accounts.toLocaleString('en-US')} accounts, ${data.mrrChanges.toLocaleString('en-US')} MRR change points; median of ${ROUNDS} rounds.`,
      '',
      '| what | seconds | goal |',
      '| --- | --- | --- |',
      `| full recompute (read inputs, score, write latest + history) | ${p.toFixed(2)} | ≤ ${GOAL_S} s ${p <= GOAL_S ? '✓' : '✗'} |`,
      `| floor: one SQL aggregate of the same MRR rows, no writes | ${f.toFixed(2)} | — |`,
      `| ratio | ${(p / f).toFixed(1)}× | — |`,
      '',
      `Scored ${result.scored.toLocaleString('en-US')} of ${result.accounts.toLocaleString('en-US')}: ${result.red} poor, ${result.yellow} fair, ${result.green} good.`,
      '',
    ].join('\n'),
  );
  await app.close();
  await client.end();
}

await main();
process.exit(0);
