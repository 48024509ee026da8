// Playbooks at scale (issue 3): the benchmark organisation's 100k accounts (bench/lib/bench-data.ts) and a batch of
// 100k signals — health turned red on half of them, a journey milestone going late on the other half — evaluated
// against every switched-on playbook of those triggers through the product's own service (set-based: per playbook
// and batch one run-log insert and one INSERT … SELECT per task or e-mail action), next to a plain SQL scan of the same rows
// in the same run. The playbooks: the preloaded "Poor health" (a task and an e-mail to the owner), a "Milestone late"
// one (a task for the owner) and "Enterprise escalation" (health red, segment = enterprise: a task for the VP role).
// The same batch is then evaluated again (a redelivery): no task may be made twice.
//
//   BENCH_DATABASE_URL=postgres://… npm run bench:playbooks        # 100,000 accounts (BENCH_PLAYBOOK_ACCOUNTS)
import os from 'node:os';
import pg from 'pg';
import pino from 'pino';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config/config.ts';
import { createFixedClock } from '../apps/server/src/platform/clock.ts';
import { openDatabase } from '../apps/server/src/platform/db/database.ts';
import { createSmtpMailer } from '../apps/server/src/platform/mail/outbox.ts';
import { ensureBenchData } from './lib/bench-data.ts';
import { describeMachine, median } from './lib/machine.ts';

const env = process.env;
const DATABASE_URL = env.BENCH_DATABASE_URL ?? 'postgres://c365:c365@127.0.0.1:5432/c365_pbench';
const ACCOUNTS = Number(env.BENCH_PLAYBOOK_ACCOUNTS ?? 100_000);
const ROUNDS = Number(env.BENCH_ROUNDS ?? 3);
const log = (s: string) => process.stderr.write(s);
const secs = (t0: number) => (performance.now() - t0) / 1000;

/** What a round leaves behind, removed before the next: the runs, the tasks and e-mails they made. */
async function cleanUp(client: pg.Client, orgId: string) {
  await client.query('delete from playbook_runs where org_id = $1', [orgId]);
  await client.query("delete from tasks where org_id = $1 and source = 'playbook'", [orgId]);
  await client.query("delete from jobs where org_id = $1 and name = 'deliver-email'", [orgId]);
  await client.query("delete from email_outbox where org_id = $1 and template = 'playbook'", [orgId]);
  await client.query('vacuum analyze playbook_runs');
  await client.query('vacuum analyze tasks');
}

async function main() {
  const data = await ensureBenchData(DATABASE_URL, ACCOUNTS, env.BENCH_RESEED === '1');
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  const orgId = data.orgId;
  const database = await openDatabase({ databaseUrl: DATABASE_URL, dataDir: '', poolMax: 10 });
  const config = loadConfig({ DATABASE_URL, LOG_LEVEL: 'silent', SEED_DEMO: 'false', DATA_DIR: os.tmpdir() });
  const clock = createFixedClock('2027-01-04T09:00:00Z');
  const { app, services } = await buildApp({
    config,
    database,
    clock,
    logger: pino({ level: 'silent' }),
    mailer: createSmtpMailer(undefined),
  });
  await app.ready();

  // The playbooks: the preloaded ones (only "Poor health" listens to these triggers) and two of the benchmark's own.
  const admin = (
    await client.query<{ id: string; name: string }>('select id, name from users where org_id = $1 order by created_at limit 1', [orgId])
  ).rows[0];
  if (!admin) throw new Error('no user in the benchmark organisation');
  await client.query("update users set role = 'admin' where org_id = $1 and id = $2", [orgId, admin.id]);
  const actor = { orgId, userId: admin.id, name: admin.name, role: 'admin' as const, ownAccountsOnly: false };
  await client.query("delete from playbooks where org_id = $1 and preset is null and name in ('Milestone late', 'Enterprise escalation')", [
    orgId,
  ]);
  await services.playbooks.list(actor, { page: 1, pageSize: 10, sort: 'name', order: 'asc' });
  await client.query("update playbooks set enabled = (preset = 'poor_health') where org_id = $1 and preset is not null", [orgId]);
  await services.playbooks.create(actor, {
    name: 'Milestone late',
    trigger: 'milestone_late',
    actions: [{ type: 'task', title: 'Milestone late: get it moving', dueInDays: 1, assignee: 'owner' }],
  });
  await services.playbooks.create(actor, {
    name: 'Enterprise escalation',
    trigger: 'health_red',
    conditions: [{ field: 'segment', op: 'eq', value: 'enterprise' }],
    actions: [{ type: 'task', title: 'Escalation review', dueInDays: 0, assignee: 'admin', priority: 'high' }],
  });

  const ids = (await client.query<{ id: string }>('select id from accounts where org_id = $1 order by id', [orgId])).rows.map((r) => r.id);
  const half = Math.floor(ids.length / 2);
  const red = ids.slice(0, half).map((accountId, i) => ({ accountId, causeKey: `signal:bench:${i}` }));
  const late = ids.slice(half).map((accountId, i) => ({ accountId, causeKey: `milestone:bench:${i}` }));

  const evalTimes: number[] = [];
  const againTimes: number[] = [];
  const floorTimes: number[] = [];
  let made = 0;
  let expected = 0;
  let again = 0;
  let duplicates = -1;
  for (let r = 0; r < ROUNDS; r++) {
    await cleanUp(client, orgId);
    // The floor: the same 100k (account, cause) rows joined to their accounts with the playbooks' conditions, one statement.
    let t0 = performance.now();
    const floor = await client.query<{ n: number }>(
      `with s as (select * from jsonb_to_recordset($2::jsonb) as s(account_id uuid, cause_key text, kind text))
       select (count(*) filter (where a.owner_user_id is not null)
             + count(*) filter (where s.kind = 'red' and a.segment = 'enterprise'))::int as n
       from s join accounts a on a.org_id = $1 and a.id = s.account_id where a.archived_at is null`,
      [
        orgId,
        JSON.stringify([
          ...red.map((x) => ({ account_id: x.accountId, cause_key: x.causeKey, kind: 'red' })),
          ...late.map((x) => ({ account_id: x.accountId, cause_key: x.causeKey, kind: 'late' })),
        ]),
      ],
    );
    floorTimes.push(secs(t0));
    expected = floor.rows[0]?.n ?? 0;

    t0 = performance.now();
    const a = await services.playbooks.evaluate(orgId, 'health_red', red);
    const b = await services.playbooks.evaluate(orgId, 'milestone_late', late);
    evalTimes.push(secs(t0));
    made = a.tasks + b.tasks;

    // The same batch delivered again: nothing new.
    t0 = performance.now();
    const a2 = await services.playbooks.evaluate(orgId, 'health_red', red);
    const b2 = await services.playbooks.evaluate(orgId, 'milestone_late', late);
    againTimes.push(secs(t0));
    again = a2.tasks + b2.tasks;
    duplicates =
      (
        await client.query<{ n: number }>(
          `select count(*)::int as n from (select account_id, title from tasks where org_id = $1 and source = 'playbook'
           group by account_id, title having count(*) > 1) d`,
          [orgId],
        )
      ).rows[0]?.n ?? -1;
    log(
      `round ${r + 1}: evaluate ${evalTimes[r]?.toFixed(2)} s, ${made} tasks (plain SQL expects ${expected}); again ${againTimes[r]?.toFixed(2)} s, ${again} tasks; duplicates ${duplicates}\n`,
    );
  }
  const emails =
    (await client.query<{ n: number }>("select count(*)::int as n from email_outbox where org_id = $1 and template = 'playbook'", [orgId]))
      .rows[0]?.n ?? 0;
  const ok = made === expected && again === 0 && duplicates === 0;
  process.stdout.write(
    [
      '## Playbooks',
      '',
      `${describeMachine()}; PostgreSQL; ${data.accountCount.toLocaleString('en-US')} accounts; a batch of ${(red.length + late.length).toLocaleString('en-US')} signals (${red.length.toLocaleString('en-US')} health turned red, ${late.length.toLocaleString('en-US')} milestones late) against 3 playbooks (Poor health: task + e-mail to the owner; Milestone late: task for the owner; Enterprise escalation: segment = enterprise, task for a role); median of ${ROUNDS} rounds (in process, through the service).`,
      '',
      '| what | time | result | goal |',
      '| --- | --- | --- | --- |',
      `| evaluate every playbook for the batch (run log, tasks, e-mails to the outbox) | ${median(evalTimes).toFixed(2)} s | ${made.toLocaleString('en-US')} tasks, ${emails.toLocaleString('en-US')} e-mails | < 10 s ${median(evalTimes) < 10 ? '✓' : '✗'} |`,
      `| the same batch again (a redelivery) | ${median(againTimes).toFixed(2)} s | ${again} tasks | no duplicate ${again === 0 && duplicates === 0 ? '✓' : '✗'} |`,
      `| floor: plain SQL scan of the same 100k rows joined to their accounts, with the conditions | ${(median(floorTimes) * 1000).toFixed(0)} ms | ${expected.toLocaleString('en-US')} tasks expected | tasks made = expected ${made === expected ? '✓' : '✗'} |`,
      '',
    ].join('\n'),
  );
  await app.close();
  await client.end();
  if (!ok) process.exitCode = 1;
}

await main();
process.exit(process.exitCode ?? 0);
