// The renewal pipeline at scale (issue 9): the benchmark organisation's 100k accounts (bench/lib/bench-data.ts), each
// with one yearly subscription whose term ends on a day spread over the past 30 and the next 365 days, and a health
// score. Measured through the product's own services and routes (in process, app.inject), next to a plain SQL count
// over the same rows in the same run:
// - the daily renewal job of one organisation: its first run (every renewal within the 90-day lead opens at once, with
//   its timeline entry, and each gets its latest reminder: outbox e-mail and notification) and the next day's run;
// - the director's pipeline: the list of open renewals filtered (due in the next 30 days, one category), a page of 50
//   with its count, and the board (per stage: count, sums, first 50).
//
//   BENCH_DATABASE_URL=postgres://… npm run bench:renewals         # 100,000 accounts (BENCH_RENEWAL_ACCOUNTS)
import os from 'node:os';
import pg from 'pg';
import pino from 'pino';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config/config.ts';
import { createFixedClock } from '../apps/server/src/platform/clock.ts';
import { openDatabase } from '../apps/server/src/platform/db/database.ts';
import { createSmtpMailer } from '../apps/server/src/platform/mail/outbox.ts';
import { BENCH_EMAIL, BENCH_PASSWORD, ensureBenchData } from './lib/bench-data.ts';
import { describeMachine, median } from './lib/machine.ts';

const env = process.env;
const DATABASE_URL = env.BENCH_DATABASE_URL ?? 'postgres://c365:c365@127.0.0.1:5432/c365_rbench';
const ACCOUNTS = Number(env.BENCH_RENEWAL_ACCOUNTS ?? 100_000);
const ROUNDS = Number(env.BENCH_ROUNDS ?? 5);
const TODAY = '2027-01-04';
const log = (s: string) => process.stderr.write(s);
const secs = (t0: number) => (performance.now() - t0) / 1000;

/** One subscription per account, its one term ending between 30 days ago and 365 days ahead, and a health score. */
async function seedRenewalData(client: pg.Client, orgId: string) {
  await client.query('delete from renewal_reminders where org_id = $1', [orgId]);
  await client.query('delete from renewal_opportunities where org_id = $1', [orgId]);
  await client.query('delete from notifications where org_id = $1', [orgId]);
  await client.query("delete from email_outbox where org_id = $1 and template = 'renewal-reminder'", [orgId]);
  await client.query("delete from jobs where org_id = $1 and name = 'deliver-email'", [orgId]);
  await client.query("delete from interactions where org_id = $1 and kind = 'renewal'", [orgId]);
  const [{ n } = { n: 0 }] = (
    await client.query<{ n: number }>('select count(*)::int as n from subscription_terms where org_id = $1', [orgId])
  ).rows;
  if (n >= ACCOUNTS) return;
  log('seeding subscriptions, terms and health scores…\n');
  await client.query('delete from subscriptions where org_id = $1', [orgId]);
  await client.query(
    `insert into subscriptions (org_id, id, account_id, reference, currency, interval_months, term_start, term_end, auto_renew,
       notice_days, status, mrr_cents, created_at, updated_at)
     select a.org_id, gen_random_uuid(), a.id, 'SUB-' || lpad(row_number() over (order by a.id)::text, 6, '0'), 'EUR', 12,
       $2::date - 335 + (abs(hashtext(a.id::text)) % 395), $2::date - 336 + (abs(hashtext(a.id::text)) % 395) + 365, false, 30,
       'active', 5000 + abs(hashtext(a.name)) % 200000, now(), now()
     from accounts a where a.org_id = $1`,
    [orgId, TODAY],
  );
  await client.query(
    `insert into subscription_terms (org_id, subscription_id, term_no, account_id, currency, term_start, last_day, rolled, start_mrr_cents, end_mrr_cents)
     select org_id, id, 1, account_id, currency, term_start, term_end, false, mrr_cents, mrr_cents from subscriptions where org_id = $1`,
    [orgId],
  );
  await client.query(
    `insert into health_scores (org_id, account_id, scorecard_id, scorecard_version, score, band, measure_results, computed_at)
     select org_id, id, gen_random_uuid(), 1, s, case when s < 40 then 'red' when s < 70 then 'yellow' else 'green' end, '[]', now()
     from (select org_id, id, (abs(hashtext(id::text || 'h')) % 10000) / 100.0 as s from accounts where org_id = $1) x
     on conflict do nothing`,
    [orgId],
  );
  await client.query('analyze subscriptions; analyze subscription_terms; analyze health_scores');
}

async function main() {
  const data = await ensureBenchData(DATABASE_URL, ACCOUNTS, env.BENCH_RESEED === '1');
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  const orgId = data.orgId;
  const database = await openDatabase({ databaseUrl: DATABASE_URL, dataDir: '', poolMax: 10 });
  const config = loadConfig({ DATABASE_URL, LOG_LEVEL: 'silent', SEED_DEMO: 'false', DATA_DIR: os.tmpdir() });
  const clock = createFixedClock(`${TODAY}T01:17:00Z`);
  const { app, services } = await buildApp({
    config,
    database,
    clock,
    logger: pino({ level: 'silent' }),
    mailer: createSmtpMailer(undefined),
  });
  await app.ready();

  const first: number[] = [];
  const next: number[] = [];
  const floorDaily: number[] = [];
  let firstResult = { opened: 0, reminders: 0, emails: 0, refreshed: 0 };
  let nextResult = firstResult;
  for (let r = 0; r < ROUNDS; r++) {
    await seedRenewalData(client, orgId);
    let t0 = performance.now();
    await client.query(
      `select count(*) from subscription_terms t join accounts a on a.org_id = t.org_id and a.id = t.account_id
       where t.org_id = $1 and t.last_day >= $2::date and t.last_day < $2::date + 90`,
      [orgId, TODAY],
    );
    floorDaily.push(secs(t0));
    clock.set(`${TODAY}T01:17:00Z`);
    t0 = performance.now();
    firstResult = await services.renewalOpportunities.runDaily(orgId);
    first.push(secs(t0));
    clock.advance(86_400_000);
    t0 = performance.now();
    nextResult = await services.renewalOpportunities.runDaily(orgId);
    next.push(secs(t0));
    log(
      `round ${r + 1}: first run ${first[r]?.toFixed(2)} s ${JSON.stringify(firstResult)}, next day ${next[r]?.toFixed(2)} s ${JSON.stringify(nextResult)}\n`,
    );
  }

  const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: BENCH_EMAIL, password: BENCH_PASSWORD } });
  const cookies = login.cookies as { name: string; value: string }[];
  const headers = { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') };
  const timeRoute = async (url: string) => {
    const ms: number[] = [];
    for (let i = 0; i < 3; i++) await app.inject({ method: 'GET', url, headers });
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      const res = await app.inject({ method: 'GET', url, headers });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      ms.push(performance.now() - t0);
    }
    return median(ms);
  };
  const timeSql = async (text: string) => {
    const ms: number[] = [];
    for (let i = 0; i < 23; i++) {
      const t0 = performance.now();
      await client.query(text, [orgId]);
      if (i >= 3) ms.push(performance.now() - t0);
    }
    return median(ms);
  };
  const openCount = (
    await client.query<{ n: number }>('select count(*)::int as n from renewal_opportunities where org_id = $1 and closed_at is null', [
      orgId,
    ])
  ).rows[0]?.n;
  const list = await timeRoute('/api/v1/renewal-opportunities?status=open&timing=due_soon&category=renew&sort=dueOn&pageSize=50');
  const listAll = await timeRoute('/api/v1/renewal-opportunities?status=open&sort=targetCents&order=desc&pageSize=50');
  const board = await timeRoute('/api/v1/renewal-opportunities/board');
  const floorList = await timeSql(
    `select count(*) from renewal_opportunities where org_id = $1 and closed_at is null and due_on <= current_date + 30 and category = 'renew'`,
  );
  const floorBoard = await timeSql(
    'select stage, count(*), sum(target_cents) from renewal_opportunities where org_id = $1 and closed_at is null group by stage',
  );

  process.stdout.write(
    [
      '## Renewal pipeline',
      '',
      `${describeMachine()}; PostgreSQL; ${data.accountCount.toLocaleString('en-US')} accounts with one yearly term each (ends spread over 395 days); ${openCount?.toLocaleString('en-US')} open renewals after the runs; the job: median of ${ROUNDS} rounds, the routes: median of 20 requests (in process, app.inject, signed in).`,
      '',
      '| what | time | goal |',
      '| --- | --- | --- |',
      `| daily job, first run: open ${firstResult.opened.toLocaleString('en-US')} renewals, ${firstResult.reminders.toLocaleString('en-US')} reminders (${firstResult.emails.toLocaleString('en-US')} e-mails to the outbox) | ${median(first).toFixed(2)} s | < 10 s ${median(first) < 10 ? '✓' : '✗'} |`,
      `| daily job, next day: open ${nextResult.opened}, ${nextResult.reminders} reminders, ${nextResult.refreshed} likelihoods refreshed | ${median(next).toFixed(2)} s | < 10 s ${median(next) < 10 ? '✓' : '✗'} |`,
      `| floor: SQL count of the terms ending in the next 90 days | ${(median(floorDaily) * 1000).toFixed(0)} ms | — |`,
      `| pipeline list: open, due in 30 days, category renew, page of 50 + count | ${list.toFixed(0)} ms | < 300 ms ${list < 300 ? '✓' : '✗'} |`,
      `| pipeline list: all open by target, page of 50 + count | ${listAll.toFixed(0)} ms | < 300 ms ${listAll < 300 ? '✓' : '✗'} |`,
      `| pipeline board: 8 stages, counts, sums, first 50 each | ${board.toFixed(0)} ms | < 300 ms ${board < 300 ? '✓' : '✗'} |`,
      `| floor: SQL count of the list's filter | ${floorList.toFixed(1)} ms | — |`,
      `| floor: SQL count and sum per stage | ${floorBoard.toFixed(1)} ms | — |`,
      '',
    ].join('\n'),
  );
  await app.close();
  await client.end();
}

await main();
process.exit(0);
