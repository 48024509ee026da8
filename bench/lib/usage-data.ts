// A year of product usage for the health benchmark's organisation: N events (10M by default) over its accounts,
// with the patterns a customer base has (healthy, declining, stopped, shallow, never adopted), put in fast: COPY
// into usage_events (its monthly partitions), then the rollups filled from those rows in a few set-based
// statements that give what the product's ingestion (usage.ingest.delta.ts: the batch delta) and rollup merge
// (usage.rollups.repository.ts) and its feature-users recount give: bench/health-usage-verify.ts checks that on
// a sample, through the product's own ingest, merge and job. Made once and reused (like metrics-data.ts).
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { mulberry32 } from './metrics-story.ts';

const DAY = 86_400_000;
const FEATURES = Array.from({ length: 20 }, (_, i) => `Feature ${String(i + 1).padStart(2, '0')}`);
/** The key features (of every plan): the ones most used first in every account's mix. */
export const USAGE_KEY_FEATURES = FEATURES.slice(0, 6);
export const USAGE_SOURCE_NAME = 'Health benchmark usage';
export const USAGE_COPY_COLUMNS = 'org_id, source_id, message_id, ts, type, event, account_id, user_id, received_at';

export type TUsageProfile = 'never' | 'healthy' | 'declining' | 'stopped' | 'shallow';

/** One account's usage pattern, drawn from its index: the same account gets the same pattern every time. */
export interface TUsagePlan {
  profile: TUsageProfile;
  /** Relative volume (events are shared out over the accounts in proportion). */
  weight: number;
  users: number;
  features: number;
  /** Density of use `daysBack` days before today (0–1). */
  density: (daysBack: number) => number;
}

export function usagePlan(index: number): TUsagePlan {
  const rand = mulberry32(index * 104_729 + 17);
  const draw = rand();
  const size = 0.4 + 1.6 * rand();
  const weekday = (d: number) => (d % 7 < 2 ? 0.35 : 1);
  if (draw < 0.1) return { profile: 'never', weight: 0, users: 0, features: 0, density: () => 0 };
  if (draw < 0.6)
    return {
      profile: 'healthy',
      weight: 1.5 * size,
      users: 3 + Math.floor(rand() * 22),
      features: 8 + Math.floor(rand() * 13),
      density: weekday,
    };
  if (draw < 0.75) {
    // Use falls from `onset` days back to a fraction of it today.
    const onset = 60 + Math.floor(rand() * 150);
    const floor = 0.05 + 0.2 * rand();
    return {
      profile: 'declining',
      weight: 1.2 * size,
      users: 2 + Math.floor(rand() * 14),
      features: 4 + Math.floor(rand() * 9),
      density: (d) => weekday(d) * (d >= onset ? 1 : floor + ((1 - floor) * d) / onset),
    };
  }
  if (draw < 0.82) {
    // Stopped using the product 10–90 days ago.
    const stop = 10 + Math.floor(rand() * 80);
    return {
      profile: 'stopped',
      weight: 0.8 * size,
      users: 1 + Math.floor(rand() * 8),
      features: 3 + Math.floor(rand() * 6),
      density: (d) => (d < stop ? 0 : weekday(d)),
    };
  }
  return {
    profile: 'shallow',
    weight: 0.25 * size,
    users: 1 + Math.floor(rand() * 3),
    features: 1 + Math.floor(rand() * 3),
    density: weekday,
  };
}

export interface TUsageEvent {
  messageId: string;
  ts: string;
  event: string;
  userId: string;
}

/**
 * The events of the account at `index`: `count` of them over the 365 days up to `nowMs`, each on a day drawn by the
 * plan's density, by one of its users, of one of its features (the first ones most often).
 */
export function accountEvents(index: number, count: number, nowMs: number): TUsageEvent[] {
  const plan = usagePlan(index);
  const rand = mulberry32(index * 7_919 + 3);
  const today = Math.floor(nowMs / DAY) * DAY;
  const out: TUsageEvent[] = [];
  for (let n = 0; n < count; n++) {
    let d = 0;
    for (let tries = 0; tries < 50; tries++) {
      d = Math.floor(rand() * 365);
      if (rand() < plan.density(d)) break;
    }
    const ms = Math.min(today - d * DAY + Math.floor(rand() * DAY), nowMs - 1000);
    const f = Math.floor(rand() * rand() * plan.features);
    const u = Math.floor(rand() * rand() * plan.users);
    out.push({ messageId: `h${index}-${n}`, ts: new Date(ms).toISOString(), event: FEATURES[f] as string, userId: `u${u + 1}` });
  }
  return out;
}

/** Events per account (by index), summing to `total` exactly, in proportion to each plan's weight. */
export function eventCounts(accounts: number, total: number): number[] {
  const weights = Array.from({ length: accounts }, (_, i) => usagePlan(i).weight);
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.floor((w * total) / sum));
  let left = total - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % accounts)
    if (weights[i]) {
      counts[i] = (counts[i] as number) + 1;
      left--;
    }
  return counts;
}

const monthStart = (ms: number, plus = 0) => {
  const d = new Date(ms);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + plus, 1));
};

/** The monthly partitions of usage_events from a year back to next month (the product's names and bounds). */
export async function ensureUsagePartitions(client: pg.Client, nowMs: number) {
  for (let i = -13; i <= 1; i++) {
    const from = monthStart(nowMs, i);
    const to = monthStart(nowMs, i + 1);
    const name = `usage_events_p${from.toISOString().slice(0, 7).replace('-', '')}`;
    const exists = (await client.query('select to_regclass($1)::text as oid', [name])).rows[0]?.oid;
    if (!exists)
      await client.query(
        `create table if not exists ${name} partition of usage_events for values from ('${from.toISOString()}') to ('${to.toISOString()}')`,
      );
  }
}

/** COPY of the accounts' events (accountIds[i] is the account at index i). */
export async function copyUsageEvents(
  client: pg.Client,
  orgId: string,
  sourceId: string,
  accountIds: string[],
  counts: number[],
  nowMs: number,
) {
  async function* lines() {
    let chunk = '';
    for (const [i, accountId] of accountIds.entries()) {
      const head = `${orgId}\t${sourceId}\t`;
      for (const e of accountEvents(i, counts[i] ?? 0, nowMs))
        chunk += `${head}${e.messageId}\t${e.ts}\ttrack\t${e.event}\t${accountId}\t${e.userId}\t${e.ts}\n`;
      if (chunk.length > 1 << 21) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  await pipeline(Readable.from(lines()), client.query(copyFrom(`copy usage_events (${USAGE_COPY_COLUMNS}) from stdin`)));
}

/**
 * The rollups of an organisation's stored events, computed from them in one pass each: what merging every batch's
 * delta (usage.ingest.delta.ts: track/page/screen calls of known accounts; users by user id, else anonymous id)
 * and the feature-users recount (usage.adoption.repository.ts) leave for an organisation that had none.
 */
export const ROLLUP_FILL_SQL = [
  `insert into usage_daily_events (org_id, account_id, day, event, count)
   select org_id, account_id, (ts at time zone 'UTC')::date, event, count(*) from usage_events
   where org_id = $1 and account_id is not null and type in ('track', 'page', 'screen')
   group by org_id, account_id, (ts at time zone 'UTC')::date, event`,
  `insert into usage_daily_users (org_id, account_id, day, user_id, count)
   select org_id, account_id, (ts at time zone 'UTC')::date, coalesce(user_id, anonymous_id), count(*) from usage_events
   where org_id = $1 and account_id is not null and type in ('track', 'page', 'screen') and coalesce(user_id, anonymous_id) is not null
   group by org_id, account_id, (ts at time zone 'UTC')::date, coalesce(user_id, anonymous_id)`,
  `insert into usage_account_activity (org_id, account_id, first_seen_at, last_seen_at, events)
   select org_id, account_id, min(ts), max(ts), count(*) from usage_events
   where org_id = $1 and account_id is not null and type in ('track', 'page', 'screen')
   group by org_id, account_id`,
  `insert into usage_daily_feature_users (org_id, account_id, day, event, users)
   select org_id, account_id, (ts at time zone 'UTC')::date, event, count(distinct user_id) from usage_events
   where org_id = $1 and account_id is not null and event is not null and user_id is not null
   group by org_id, account_id, (ts at time zone 'UTC')::date, event`,
];

export async function fillRollups(client: pg.Client, orgId: string) {
  for (const q of ROLLUP_FILL_SQL) await client.query(q, [orgId]);
}

export interface UsageData {
  sourceId: string;
  events: number;
  accountsWithUsage: number;
  seededNow: boolean;
  seconds: { total: number; copy: number; rollups: number; analyze: number } | null;
}

/** The organisation's benchmark usage: made now when missing (or `reseed`), else reused. Accounts by id order. */
export async function ensureUsageData(
  client: pg.Client,
  orgId: string,
  total: number,
  reseed: boolean,
  log = (s: string) => process.stderr.write(s),
): Promise<UsageData> {
  const have = async () =>
    (
      await client.query<{ n: string; a: number }>(
        'select coalesce(sum(events), 0)::text as n, count(*)::int as a from usage_account_activity where org_id = $1',
        [orgId],
      )
    ).rows[0] as { n: string; a: number };
  const source = async () =>
    (await client.query<{ id: string }>('select id from usage_sources where org_id = $1 and name = $2', [orgId, USAGE_SOURCE_NAME])).rows[0]
      ?.id;
  const found = await have();
  const sid = await source();
  if (sid && Number(found.n) === total && !reseed)
    return { sourceId: sid, events: total, accountsWithUsage: found.a, seededNow: false, seconds: null };
  const t0 = performance.now();
  log(`generating ${total.toLocaleString('en-US')} usage events …\n`);
  for (const t of ['usage_daily_events', 'usage_daily_users', 'usage_account_activity', 'usage_daily_feature_users', 'usage_events'])
    await client.query(`delete from ${t} where org_id = $1`, [orgId]);
  await client.query('delete from usage_key_features where org_id = $1', [orgId]);
  await client.query('delete from usage_sources where org_id = $1 and name = $2', [orgId, USAGE_SOURCE_NAME]);
  await client.query(
    `insert into usage_sources (org_id, id, name, kind, account_mapping, key_hash, key_hint, created_at)
     values ($1, gen_random_uuid(), $2, 'segment', 'group_id', encode(sha256(gen_random_uuid()::text::bytea), 'hex'), 'c365w_bench', now())`,
    [orgId, USAGE_SOURCE_NAME],
  );
  const sourceId = (await source()) as string;
  for (const event of USAGE_KEY_FEATURES)
    await client.query(
      'insert into usage_key_features (org_id, id, event, plan_id, created_at) values ($1, gen_random_uuid(), $2, null, now())',
      [orgId, event],
    );
  const nowMs = Date.now();
  await ensureUsagePartitions(client, nowMs);
  const accountIds = (await client.query<{ id: string }>('select id from accounts where org_id = $1 order by id', [orgId])).rows.map(
    (r) => r.id,
  );
  await copyUsageEvents(client, orgId, sourceId, accountIds, eventCounts(accountIds.length, total), nowMs);
  const tCopy = performance.now();
  log(`  COPY ${((tCopy - t0) / 1000).toFixed(1)} s\n`);
  await client.query(`set work_mem = '256MB'`);
  await fillRollups(client, orgId);
  await client.query('reset work_mem');
  const tRollups = performance.now();
  log(`  rollups ${((tRollups - tCopy) / 1000).toFixed(1)} s\n`);
  await client.query('analyze usage_events, usage_daily_events, usage_daily_users, usage_account_activity, usage_daily_feature_users');
  const tEnd = performance.now();
  const made = await have();
  return {
    sourceId,
    events: Number(made.n),
    accountsWithUsage: made.a,
    seededNow: true,
    seconds: {
      total: (tEnd - t0) / 1000,
      copy: (tCopy - t0) / 1000,
      rollups: (tRollups - tCopy) / 1000,
      analyze: (tEnd - tRollups) / 1000,
    },
  };
}
