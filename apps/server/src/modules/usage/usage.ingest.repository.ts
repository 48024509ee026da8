import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from '../../platform/db/database.ts';
import { batchDelta, EVENT_COPY_COLUMNS, eventCopyText, type TBatchColumns } from './usage.ingest.delta.ts';

/**
 * The ingestion hot path's SQL, on the raw drivers. On PostgreSQL a batch's events go in with COPY and its rollup
 * delta, computed in the process, with one small statement (writeUsageEvents). The careful form, for PGlite and
 * for a batch holding a message stored before: one statement whose data-modifying CTE feeds the insert's
 * RETURNING to the delta, so a retried message, which the primary key turns away, counts nowhere. Arrays travel
 * as one parameter each (unnest), never one parameter per cell. Upserting the rollups here cost 3× the insert
 * itself (measured: bench/ingest.bench.ts); the usage.rollup job merges the deltas of many batches at once instead.
 */

export type TEventColumns = TBatchColumns;

export const WRITE_EVENTS_SQL = `
with input as (
  select * from unnest($3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::uuid[], $8::text[], $9::text[], $10::text[], $11::jsonb[])
    as i(message_id, ts, type, event, account_id, group_key, user_id, anonymous_id, properties)
), ins as (
  insert into usage_events (org_id, source_id, message_id, ts, type, event, account_id, group_key, user_id, anonymous_id, properties, received_at)
  select $1, $2, message_id, ts, type, event, account_id, group_key, user_id, anonymous_id, properties, $12 from input
  on conflict do nothing
  returning ts, type, event, account_id, group_key, coalesce(user_id, anonymous_id) as user_key
), act as (
  select account_id, (ts at time zone 'UTC')::date as day, ts, event, user_key from ins
  where account_id is not null and type in ('track', 'page', 'screen')
), delta as (
  insert into usage_rollup_deltas (org_id, id, created_at, daily_events, daily_users, activity)
  select $1, gen_random_uuid(), $12,
    (select json_agg(x)::text from (select account_id as a, day as d, event as e, count(*) as n from act group by 1, 2, 3) x),
    coalesce((select json_agg(x)::text from (select account_id as a, day as d, user_key as u, count(*) as n from act where user_key is not null group by 1, 2, 3) x), '[]'),
    (select json_agg(x)::text from (select account_id as a, min(ts) as f, max(ts) as l, count(*) as n from act group by 1) x)
  where exists (select 1 from act)
), uk as (
  insert into usage_keys (org_id, source_id, kind, key, events, first_seen_at, last_seen_at)
  select $1, $2, k.kind, k.key, count(*), min(k.ts), max(k.ts)
  from (select case when group_key is null then 'user' else 'group' end as kind, coalesce(group_key, user_key) as key, ts
        from ins where account_id is null) k
  where k.key is not null
  group by k.kind, k.key order by k.kind, k.key
  on conflict (org_id, source_id, kind, key) do update set
    events = usage_keys.events + excluded.events,
    first_seen_at = least(usage_keys.first_seen_at, excluded.first_seen_at),
    last_seen_at = greatest(usage_keys.last_seen_at, excluded.last_seen_at)
)
select (select count(*)::int from ins) as stored, (select array_agg(distinct account_id) from act) as accounts`;

/** Users named by identify and group calls: their account key, and the contact an identify's e-mail or the user id (external id) finds. */
const WRITE_USERS_SQL = `
insert into usage_users (org_id, source_id, user_id, group_key, contact_id, updated_at)
select $1, $2, u.user_id, u.group_key,
  (select c.id from contacts c where c.org_id = $1 and (c.external_id = u.user_id or (u.email is not null and lower(c.email) = u.email))
   order by (c.external_id = u.user_id) desc, c.id limit 1),
  $6
from unnest($3::text[], $4::text[], $5::text[]) as u(user_id, group_key, email)
order by u.user_id
on conflict (org_id, source_id, user_id) do update set
  group_key = coalesce(excluded.group_key, usage_users.group_key),
  contact_id = coalesce(excluded.contact_id, usage_users.contact_id),
  updated_at = excluded.updated_at`;

export interface TUserUpdates {
  userId: string[];
  groupKey: (string | null)[];
  email: (string | null)[];
}

type TQuery = (name: string, text: string, values: unknown[]) => Promise<Record<string, unknown>[]>;
/** COPY text lines into a table, inside the transaction (PostgreSQL only). */
type TCopy = (table: string, columns: string, text: string) => Promise<void>;

const RETRYABLE = new Set(['40P01', '40001']);

/**
 * One transaction on the raw driver: a pooled client on PostgreSQL (named statements are prepared once per
 * connection), PGlite's transaction otherwise. Deadlocks between concurrent batches that touch the same rollup
 * rows (the rows are written in key order, so they are rare) are retried: nothing was committed.
 */
async function inTransaction<T>(database: Database, fn: (q: TQuery, copy: TCopy | null) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      if (database.pool) return await pgTransaction(database.pool, fn);
      const lite = database.pglite as PGlite;
      return await lite.transaction((tx: Transaction) =>
        fn(async (_n, text, values) => (await tx.query(text, values)).rows as Record<string, unknown>[], null),
      );
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (attempt < 5 && code && RETRYABLE.has(code)) continue;
      throw err;
    }
  }
}

async function pgTransaction<T>(pool: pg.Pool, fn: (q: TQuery, copy: TCopy) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  const onError = () => {
    broken = true;
  };
  client.on('error', onError);
  try {
    // A 2xx promises the events are stored: the commit waits for the WAL flush even where the server's default is
    // synchronous_commit = off (one simple query: no extra round trip).
    await client.query('begin; set local synchronous_commit = on');
    const result = await fn(
      async (name, text, values) => (await client.query({ name, text, values })).rows,
      async (table, columns, text) => {
        await pipeline(Readable.from([text]), client.query(copyFrom(`copy ${table} (${columns}) from stdin`)));
      },
    );
    await client.query('commit');
    return result;
  } catch (err) {
    await client.query('rollback').catch(() => {
      broken = true;
    });
    throw err;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}

const WRITE_DELTA_SQL = `
insert into usage_rollup_deltas (org_id, id, created_at, daily_events, daily_users, activity)
values ($1, gen_random_uuid(), $2, $3, $4, $5)`;

const WRITE_KEYS_SQL = `
insert into usage_keys (org_id, source_id, kind, key, events, first_seen_at, last_seen_at)
select $1, $2, k.kind, k.key, k.n, k.f, k.l
from unnest($3::text[], $4::text[], $5::int[], $6::timestamptz[], $7::timestamptz[]) as k(kind, key, n, f, l)
order by k.kind, k.key
on conflict (org_id, source_id, kind, key) do update set
  events = usage_keys.events + excluded.events,
  first_seen_at = least(usage_keys.first_seen_at, excluded.first_seen_at),
  last_seen_at = greatest(usage_keys.last_seen_at, excluded.last_seen_at)`;

const UNIQUE_VIOLATION = '23505';

/** What a batch wrote: how many events were new, and the accounts whose activity (rollup delta) it changed. */
export interface TWriteOutcome {
  stored: number;
  accounts: string[];
}

/** One request's events of a group written together, with the time it was received (each row keeps its own). */
export interface TEventPart {
  cols: TEventColumns;
  receivedAt: string;
}

/** Columns of several parts as one (the delta and the unmapped keys are computed over the whole group). */
function concatColumns(parts: TEventPart[]): TEventColumns {
  if (parts.length === 1) return (parts[0] as TEventPart).cols;
  const out: TEventColumns = {
    messageId: [],
    ts: [],
    type: [],
    event: [],
    accountId: [],
    groupKey: [],
    userId: [],
    anonymousId: [],
    properties: [],
  };
  for (const { cols } of parts) for (const k of Object.keys(out) as (keyof TEventColumns)[]) (out[k] as unknown[]).push(...cols[k]);
  return out;
}

/**
 * The fast form, PostgreSQL only: the events of one or more requests of a source with one COPY, their rollup
 * delta (computed here, over all of them: one row per account, day and event for the group) and unmapped keys
 * with one statement each, one commit. Holds only if every event is new: a message stored before (a client's
 * retry) fails the COPY on the primary key and nothing is written; the caller then writes each request the
 * careful way. Throws whatever the database answered.
 */
export async function copyUsageEvents(
  database: Database,
  orgId: string,
  sourceId: string,
  parts: TEventPart[],
  users: TUserUpdates | null,
  at: string,
): Promise<TWriteOutcome> {
  const cols = concatColumns(parts);
  return inTransaction(database, async (q, copy) => {
    const delta = batchDelta(cols);
    let text = '';
    for (const p of parts) text += eventCopyText(orgId, sourceId, p.cols, p.receivedAt);
    await (copy as TCopy)('usage_events', EVENT_COPY_COLUMNS, text);
    if (delta.dailyEvents) await q('usage_write_delta', WRITE_DELTA_SQL, [orgId, at, delta.dailyEvents, delta.dailyUsers, delta.activity]);
    if (delta.keys.key.length)
      await q('usage_write_keys', WRITE_KEYS_SQL, [
        orgId,
        sourceId,
        delta.keys.kind,
        delta.keys.key,
        delta.keys.events,
        delta.keys.first,
        delta.keys.last,
      ]);
    if (users?.userId.length)
      await q('usage_write_users', WRITE_USERS_SQL, [orgId, sourceId, users.userId, users.groupKey, users.email, at]);
    return { stored: cols.messageId.length, accounts: delta.accounts };
  });
}

export const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === UNIQUE_VIOLATION;

/**
 * Writes a batch's events, rollup delta, unmapped keys and users in one transaction. On PostgreSQL the events go
 * in with COPY (no per-row conflict check, a third of INSERT … ON CONFLICT's cost, measured: bench/ingest.bench.ts)
 * and the delta is computed here, which holds only if every event is new: a message stored before (a client's
 * retry) makes the COPY fail on the primary key, the transaction rolls back whole, and the batch is written again
 * the careful way (INSERT … ON CONFLICT DO NOTHING, the delta from what was inserted). PGlite takes the careful way.
 */
export async function writeUsageEvents(
  database: Database,
  orgId: string,
  sourceId: string,
  cols: TEventColumns,
  users: TUserUpdates | null,
  receivedAt: Date,
): Promise<TWriteOutcome> {
  const at = receivedAt.toISOString();
  if (database.pool && cols.messageId.length) {
    try {
      return await copyUsageEvents(database, orgId, sourceId, [{ cols, receivedAt: at }], users, at);
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }
  return inTransaction(database, async (q) => {
    let stored = 0;
    let accounts: string[] = [];
    if (cols.messageId.length) {
      const [row] = await q('usage_write_events', WRITE_EVENTS_SQL, [
        orgId,
        sourceId,
        cols.messageId,
        cols.ts,
        cols.type,
        cols.event,
        cols.accountId,
        cols.groupKey,
        cols.userId,
        cols.anonymousId,
        cols.properties,
        at,
      ]);
      stored = Number(row?.stored ?? 0);
      accounts = (row?.accounts as string[] | null) ?? [];
    }
    if (users?.userId.length)
      await q('usage_write_users', WRITE_USERS_SQL, [orgId, sourceId, users.userId, users.groupKey, users.email, at]);
    return { stored, accounts };
  });
}

/** The accounts of account keys: an admin's mapping of the key first (or that it is ignored), else the account whose external id it is. */
const RESOLVE_KEYS_SQL = `
select k.key, coalesce(m.account_id, a.id) as account_id, (m.ignored_at is not null) as ignored
from unnest($3::text[], $4::text[]) as k(kind, key)
left join usage_keys m on m.org_id = $1 and m.source_id = $2 and m.kind = k.kind and m.key = k.key
left join accounts a on a.org_id = $1 and k.kind = 'group' and a.external_id = k.key and m.account_id is null`;

export async function resolveAccountKeys(
  database: Database,
  orgId: string,
  sourceId: string,
  keys: { kind: string[]; key: string[] },
): Promise<{ key: string; accountId: string | null; ignored: boolean }[]> {
  const rows = await rawQuery(database, 'usage_resolve_keys', RESOLVE_KEYS_SQL, [orgId, sourceId, keys.kind, keys.key]);
  return rows.map((r) => ({ key: r.key as string, accountId: (r.account_id as string | null) ?? null, ignored: r.ignored === true }));
}

const USER_KEYS_SQL =
  'select user_id, group_key from usage_users where org_id = $1 and source_id = $2 and user_id = any($3::text[]) and group_key is not null';

/** The account keys the users' earlier group (or identify) calls named. */
export async function findUserAccountKeys(database: Database, orgId: string, sourceId: string, userIds: string[]) {
  const rows = await rawQuery(database, 'usage_user_keys', USER_KEYS_SQL, [orgId, sourceId, userIds]);
  return new Map(rows.map((r) => [r.user_id as string, r.group_key as string]));
}

async function rawQuery(database: Database, name: string, text: string, values: unknown[]) {
  if (database.pool) return (await database.pool.query({ name, text, values })).rows as Record<string, unknown>[];
  return (await (database.pglite as PGlite).query(text, values)).rows as Record<string, unknown>[];
}
