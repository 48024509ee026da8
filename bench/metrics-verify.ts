// Checks that the revenue-metrics generator stores what the product itself would: generates a small organisation
// (BENCH_VERIFY_ACCOUNTS, default 200), keeps its MRR history (mrr_changes, mrr_period_movements,
// mrr_subscription_facts, mrr_accounts), deletes it, lets the product rebuild them (the
// `metrics.rebuild` job, run by the real server's worker from the line versions and cancellations the generator
// wrote) and compares row by row. `node --import tsx bench/metrics-verify.ts`
import pg from 'pg';
import { openDatabase } from '../apps/server/src/platform/db/database.ts';
import { newId } from '../apps/server/src/platform/ids.ts';
import { startProduct } from './lib/child.ts';
import { ensureMetricsData, pgSink } from './lib/metrics-data.ts';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://c365:c365@127.0.0.1:5432/c365_mbench';
const ACCOUNTS = Number(process.env.BENCH_VERIFY_ACCOUNTS ?? 200);

/** The organisation's MRR history as the projection stores it: change points, period movements, subscription facts. */
const HISTORY_TABLES = ['mrr_changes', 'mrr_period_movements', 'mrr_subscription_facts', 'mrr_accounts'];
const snapshot = async (client: pg.Client, orgId: string) =>
  (
    await client.query<{ r: string }>(
      `select concat_ws('|', 'c', account_id, effective_date, mrr_before_cents, mrr_after_cents, active_before, active_after, last_active_on) as r
       from mrr_changes where org_id = $1
       union all
       select concat_ws('|', 'p', account_id, unit, period, mrr_start_cents, mrr_end_cents, active_start, active_end, gap_days, was_active, market_id)
       from mrr_period_movements where org_id = $1
       union all
       select concat_ws('|', 'f', account_id, subscription_id, currency, first_paid_on, first_paid_mrr_cents, trial_started_on, trial_ended_on, paid, market_id)
       from mrr_subscription_facts where org_id = $1
       union all
       select concat_ws('|', 'a', account_id, primary_plan_id) from mrr_accounts where org_id = $1
       order by 1`,
      [orgId],
    )
  ).rows.map((x) => x.r);

async function main() {
  const database = await openDatabase({ databaseUrl: DATABASE_URL, dataDir: 'unused' });
  await database.migrate();
  await database.close();
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    const data = await ensureMetricsData(pgSink(client), ACCOUNTS, true);
    const generated = await snapshot(client, data.orgId);
    const kinds = await client.query<{ kind: string; n: number }>(
      'select kind, count(*)::int as n from subscription_changes where org_id = $1 group by 1 order by 2 desc',
      [data.orgId],
    );
    process.stderr.write(`changes by kind: ${kinds.rows.map((r) => `${r.kind} ${r.n}`).join(', ')}\n`);
    for (const table of HISTORY_TABLES) await client.query(`delete from ${table} where org_id = $1`, [data.orgId]);
    const jobId = newId();
    await client.query(
      `insert into jobs (id, org_id, name, payload, run_at, created_at) values ($1, $2, 'metrics.rebuild', $3, now(), now())`,
      [jobId, data.orgId, JSON.stringify({ orgId: data.orgId })],
    );
    const { app } = await startProduct(DATABASE_URL);
    try {
      for (let i = 0; ; i++) {
        const [job] = (
          await client.query<{ status: string; last_error: string | null }>('select status, last_error from jobs where id = $1', [jobId])
        ).rows;
        if (job && !['queued', 'running'].includes(job.status)) {
          process.stderr.write(`rebuild job: ${job.status}${job.last_error ? ` (${job.last_error})` : ''}\n`);
          break;
        }
        if (i > 600) throw new Error('the rebuild job did not finish in 5 minutes');
        await new Promise((r) => setTimeout(r, 500));
      }
    } finally {
      await app.stop();
    }
    const rebuilt = await snapshot(client, data.orgId);
    const a = new Set(generated);
    const b = new Set(rebuilt);
    const onlyGenerated = generated.filter((r) => !b.has(r));
    const onlyRebuilt = rebuilt.filter((r) => !a.has(r));
    process.stdout.write(
      `${data.accounts} accounts, ${data.changes} changes, ${data.lineVersions} line versions; history rows generated ${generated.length}, ` +
        `rebuilt by the product ${rebuilt.length}; only generated ${onlyGenerated.length}, only rebuilt ${onlyRebuilt.length}\n`,
    );
    for (const r of [...onlyGenerated.slice(0, 5).map((x) => `generated: ${x}`), ...onlyRebuilt.slice(0, 5).map((x) => `rebuilt:   ${x}`)])
      process.stdout.write(`${r}\n`);
    if (onlyGenerated.length || onlyRebuilt.length || !generated.length) process.exitCode = 1;
    else process.stdout.write('identical\n');
  } finally {
    await client.end();
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
