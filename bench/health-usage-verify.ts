// Checks that the health benchmark's usage generator (bench/lib/usage-data.ts: COPY into usage_events, then the
// rollups filled set-based) stores what the product's own ingestion would: two organisations with the same
// accounts (the same ids) and the same generated events (BENCH_VERIFY_ACCOUNTS accounts, BENCH_VERIFY_EVENTS
// events); the first gets them through the product (the native bulk ingest, its rollup merge, the feature-users
// job over the whole year), the second through the generator; every rollup row must be equal, in both directions.
//
//   BENCH_DATABASE_URL=postgres://… node --import tsx bench/health-usage-verify.ts
import os from 'node:os';
import pg from 'pg';
import pino from 'pino';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config/config.ts';
import { createOrganisationWithAdmin } from '../apps/server/src/modules/organisations/index.ts';
import { systemClock } from '../apps/server/src/platform/clock.ts';
import { openDatabase } from '../apps/server/src/platform/db/database.ts';
import { newId } from '../apps/server/src/platform/ids.ts';
import { enqueueJob } from '../apps/server/src/platform/jobs/queue.ts';
import { createSmtpMailer } from '../apps/server/src/platform/mail/outbox.ts';
import { accountEvents, copyUsageEvents, ensureUsagePartitions, eventCounts, fillRollups, usagePlan } from './lib/usage-data.ts';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://c365:c365@127.0.0.1:5432/c365_mbench';
const ACCOUNTS = Number(process.env.BENCH_VERIFY_ACCOUNTS ?? 60);
const EVENTS = Number(process.env.BENCH_VERIFY_EVENTS ?? 20_000);

const ROLLUPS = `
  select concat_ws('|', 'e', account_id, day, event, count) as r from usage_daily_events where org_id = $1
  union all select concat_ws('|', 'u', account_id, day, user_id, count) from usage_daily_users where org_id = $1
  union all select concat_ws('|', 'a', account_id, first_seen_at, last_seen_at, events) from usage_account_activity where org_id = $1
  union all select concat_ws('|', 'f', account_id, day, event, users) from usage_daily_feature_users where org_id = $1
  order by 1`;

async function main() {
  const database = await openDatabase({ databaseUrl: DATABASE_URL, dataDir: '', poolMax: 4 });
  await database.migrate();
  const config = loadConfig({ DATABASE_URL, LOG_LEVEL: 'silent', SEED_DEMO: 'false', DATA_DIR: os.tmpdir() });
  const { app, services, worker } = await buildApp({
    config,
    database,
    clock: systemClock,
    logger: pino({ level: 'silent' }),
    mailer: createSmtpMailer(undefined),
  });
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  const suffix = newId().slice(-10);
  const org = async (name: string) =>
    (
      await createOrganisationWithAdmin(database.db, systemClock, {
        name: `${name} ${suffix}`,
        slug: `${name.toLowerCase().replace(/ /g, '-')}-${suffix}`,
        admin: {
          email: `admin-${name.replace(/ /g, '')}-${suffix}@bench.customer365.test`,
          name: 'Bench Admin',
          password: 'customer365-bench',
        },
      })
    ).orgId;
  const viaProduct = await org('Usage verify product');
  const viaBench = await org('Usage verify bench');
  const accountIds = Array.from({ length: ACCOUNTS }, () => newId()).sort();
  for (const orgId of [viaProduct, viaBench])
    await client.query(
      `insert into accounts (org_id, id, name, segment, lifecycle_stage, created_at, updated_at)
       select $1, id, 'Account ' || n, 'smb', 'customer', now(), now() from unnest($2::uuid[]) with ordinality as t(id, n)`,
      [orgId, accountIds],
    );
  const nowMs = Date.now();
  const counts = eventCounts(ACCOUNTS, EVENTS);
  const profiles = new Map<string, number>();
  for (let i = 0; i < ACCOUNTS; i++) profiles.set(usagePlan(i).profile, (profiles.get(usagePlan(i).profile) ?? 0) + 1);
  process.stderr.write(`${ACCOUNTS} accounts (${[...profiles].map(([p, n]) => `${p} ${n}`).join(', ')}), ${EVENTS} events\n`);

  // The product: the native bulk API's service in batches, the rollup merge, the feature-users job over the year.
  await ensureUsagePartitions(client, nowMs);
  const all = accountIds.flatMap((accountId, i) =>
    accountEvents(i, counts[i] ?? 0, nowMs).map((e) => ({
      accountId,
      event: e.event,
      userId: e.userId,
      timestamp: e.ts,
      messageId: e.messageId,
    })),
  );
  for (let i = 0; i < all.length; i += 1000) {
    const r = await services.usageNative.ingestForOrg(viaProduct, all.slice(i, i + 1000), 'en');
    if (r.stored !== Math.min(1000, all.length - i))
      throw new Error(`ingest stored ${r.stored}: ${JSON.stringify(r.rejected.slice(0, 3))}`);
  }
  while ((await services.usageIngest.mergeRollups(viaProduct)) > 0) {}
  await enqueueJob(database.db, systemClock, 'usage.feature-users', { orgId: viaProduct, days: 400 }, { orgId: viaProduct });
  for (let i = 0; i < 50 && (await worker.runOnce()) > 0; i++) {}

  // The generator: COPY, then the set-based fill.
  const source = newId();
  await client.query(
    `insert into usage_sources (org_id, id, name, kind, account_mapping, key_hash, key_hint, created_at)
     values ($1, $2, 'Verify', 'segment', 'group_id', $3, 'c365w_verify', now())`,
    [viaBench, source, `verify-${source}`],
  );
  await copyUsageEvents(client, viaBench, source, accountIds, counts, nowMs);
  await fillRollups(client, viaBench);

  const a = (await client.query<{ r: string }>(ROLLUPS, [viaProduct])).rows.map((x) => x.r);
  const b = (await client.query<{ r: string }>(ROLLUPS, [viaBench])).rows.map((x) => x.r);
  const inA = new Set(a);
  const inB = new Set(b);
  const onlyA = a.filter((x) => !inB.has(x));
  const onlyB = b.filter((x) => !inA.has(x));
  const kinds = (rows: string[]) => ['e', 'u', 'a', 'f'].map((k) => `${k} ${rows.filter((r) => r.startsWith(`${k}|`)).length}`).join(', ');
  process.stderr.write(`product: ${a.length} rollup rows (${kinds(a)}); generator: ${b.length} (${kinds(b)})\n`);
  for (const orgId of [viaProduct, viaBench]) {
    for (const t of ['usage_daily_events', 'usage_daily_users', 'usage_account_activity', 'usage_daily_feature_users', 'usage_events'])
      await client.query(`delete from ${t} where org_id = $1`, [orgId]);
  }
  await client.end();
  await app.close();
  if (onlyA.length || onlyB.length || a.length === 0) {
    process.stderr.write(`DIFFERENT: ${onlyA.length} rows only from the product, ${onlyB.length} only from the generator\n`);
    process.stderr.write(`${onlyA.slice(0, 5).join('\n')}\n--\n${onlyB.slice(0, 5).join('\n')}\n`);
    process.exit(1);
  }
  process.stderr.write('identical\n');
}

await main();
process.exit(0);
