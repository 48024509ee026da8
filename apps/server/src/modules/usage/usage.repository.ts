import { and, asc, count, desc, eq, ilike, inArray, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { containsPattern } from '../../platform/db/like.ts';
import { acrossOrganisations } from '../../platform/db/tenancy.ts';
import { accounts } from '../accounts/index.ts';
import type { TUnmappedExportQuery } from './usage.schemas.ts';
import { usageKeys, usageSettings, usageSources } from './usage.table.ts';

/** Queries only: no HTTP, no access checks. Takes a db or a transaction; every query filters on org_id. */

export type TUsageSourceRow = typeof usageSources.$inferSelect;
export type TUsageKeyRow = typeof usageKeys.$inferSelect & { accountName: string | null; sourceName: string };

export async function listSourceRows(db: Db, orgId: string): Promise<TUsageSourceRow[]> {
  return db.select().from(usageSources).where(eq(usageSources.orgId, orgId)).orderBy(asc(usageSources.createdAt), asc(usageSources.id));
}

export async function findSourceById(db: Db, orgId: string, id: string): Promise<TUsageSourceRow | null> {
  const [row] = await db
    .select()
    .from(usageSources)
    .where(and(eq(usageSources.orgId, orgId), eq(usageSources.id, id)));
  return row ?? null;
}

export async function findNativeSource(db: Db, orgId: string): Promise<TUsageSourceRow | null> {
  const [row] = await db
    .select()
    .from(usageSources)
    .where(and(eq(usageSources.orgId, orgId), eq(usageSources.kind, 'native')));
  return row ?? null;
}

/** The live source of a write key, by the key's hash: the key is all a Segment client sends. */
export async function findSourceByKeyHash(db: Db, keyHash: string): Promise<TUsageSourceRow | null> {
  return acrossOrganisations('a write key is resolved by its hash, before the organisation is known', async () => {
    const [row] = await db
      .select()
      .from(usageSources)
      .where(and(eq(usageSources.keyHash, keyHash), isNull(usageSources.revokedAt)));
    return row ?? null;
  });
}

export async function insertSource(db: Db, values: typeof usageSources.$inferInsert): Promise<TUsageSourceRow> {
  const [row] = await db.insert(usageSources).values(values).onConflictDoNothing().returning();
  return row ?? ((await findNativeSource(db, values.orgId)) as TUsageSourceRow);
}

export async function revokeSourceRow(db: Db, orgId: string, id: string, at: Date) {
  await db
    .update(usageSources)
    .set({ revokedAt: at })
    .where(and(eq(usageSources.orgId, orgId), eq(usageSources.id, id), isNull(usageSources.revokedAt)));
}

export async function touchSource(db: Db, orgId: string, id: string, at: Date) {
  await db
    .update(usageSources)
    .set({ lastUsedAt: at })
    .where(and(eq(usageSources.orgId, orgId), eq(usageSources.id, id)));
}

// ---- unmapped keys ----

function keysWhere(orgId: string, q: TUnmappedExportQuery): SQL | undefined {
  const like = q.q ? containsPattern(q.q) : null;
  return and(
    eq(usageKeys.orgId, orgId),
    q.status === 'unmapped' ? and(isNull(usageKeys.accountId), isNull(usageKeys.ignoredAt)) : undefined,
    q.status === 'ignored' ? isNotNull(usageKeys.ignoredAt) : undefined,
    q.status === 'mapped' ? isNotNull(usageKeys.accountId) : undefined,
    q.sourceId ? eq(usageKeys.sourceId, q.sourceId) : undefined,
    like ? ilike(usageKeys.key, like) : undefined,
  );
}

const KEY_SORTS = {
  key: usageKeys.key,
  events: usageKeys.events,
  lastSeenAt: usageKeys.lastSeenAt,
  firstSeenAt: usageKeys.firstSeenAt,
} as const;

const keysWithNames = (db: Db) =>
  db
    .select({
      orgId: usageKeys.orgId,
      sourceId: usageKeys.sourceId,
      kind: usageKeys.kind,
      key: usageKeys.key,
      accountId: usageKeys.accountId,
      ignoredAt: usageKeys.ignoredAt,
      events: usageKeys.events,
      firstSeenAt: usageKeys.firstSeenAt,
      lastSeenAt: usageKeys.lastSeenAt,
      mappedAt: usageKeys.mappedAt,
      accountName: accounts.name,
      sourceName: usageSources.name,
    })
    .from(usageKeys)
    .innerJoin(usageSources, and(eq(usageSources.orgId, usageKeys.orgId), eq(usageSources.id, usageKeys.sourceId)))
    .leftJoin(accounts, and(eq(accounts.orgId, usageKeys.orgId), eq(accounts.id, usageKeys.accountId)));

export async function findKeysPage(
  db: Db,
  orgId: string,
  q: TUnmappedExportQuery,
  page: { limit: number; offset: number },
): Promise<TUsageKeyRow[]> {
  const dir = q.order === 'asc' ? asc : desc;
  return keysWithNames(db)
    .where(keysWhere(orgId, q))
    .orderBy(dir(KEY_SORTS[q.sort]), asc(usageKeys.key), asc(usageKeys.sourceId))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countKeys(db: Db, orgId: string, q: TUnmappedExportQuery): Promise<number> {
  const [row] = await db.select({ n: count() }).from(usageKeys).where(keysWhere(orgId, q));
  return row?.n ?? 0;
}

export async function findKey(db: Db, orgId: string, sourceId: string, kind: string, key: string): Promise<TUsageKeyRow | null> {
  const [row] = await keysWithNames(db).where(
    and(eq(usageKeys.orgId, orgId), eq(usageKeys.sourceId, sourceId), eq(usageKeys.kind, kind as 'group'), eq(usageKeys.key, key)),
  );
  return row ?? null;
}

export async function setKeyIgnored(db: Db, orgId: string, sourceId: string, kind: string, key: string, at: Date | null) {
  await db
    .update(usageKeys)
    .set({ ignoredAt: at })
    .where(and(eq(usageKeys.orgId, orgId), eq(usageKeys.sourceId, sourceId), eq(usageKeys.kind, kind as 'group'), eq(usageKeys.key, key)));
}

/**
 * Maps a key to an account: the key row, then the stored events of the key (still without account) move to it
 * and the rollups add them, in the caller's transaction. Answers how many events moved.
 */
export async function mapKeyToAccount(db: Db, orgId: string, sourceId: string, kind: string, key: string, accountId: string, at: Date) {
  await db
    .update(usageKeys)
    .set({ accountId, ignoredAt: null, mappedAt: at })
    .where(and(eq(usageKeys.orgId, orgId), eq(usageKeys.sourceId, sourceId), eq(usageKeys.kind, kind as 'group'), eq(usageKeys.key, key)));
  const match = kind === 'group' ? sql`group_key = ${key}` : sql`group_key is null and coalesce(user_id, anonymous_id) = ${key}`;
  const result = (await db.execute(sql`
    with moved as (
      update usage_events set account_id = ${accountId}, group_key = null
      where org_id = ${orgId} and source_id = ${sourceId} and account_id is null and ${match}
      returning ts, type, event, coalesce(user_id, anonymous_id) as user_key
    ), act as (
      select (ts at time zone 'UTC')::date as day, ts, event, user_key from moved where type in ('track', 'page', 'screen')
    ), de as (
      insert into usage_daily_events (org_id, account_id, day, event, count)
      select ${orgId}, ${accountId}, day, event, count(*) from act group by day, event order by day, event
      on conflict (org_id, account_id, day, event) do update set count = usage_daily_events.count + excluded.count
    ), du as (
      insert into usage_daily_users (org_id, account_id, day, user_id, count)
      select ${orgId}, ${accountId}, day, user_key, count(*) from act where user_key is not null group by day, user_key order by day, user_key
      on conflict (org_id, account_id, day, user_id) do update set count = usage_daily_users.count + excluded.count
    ), aa as (
      insert into usage_account_activity (org_id, account_id, first_seen_at, last_seen_at, events)
      select ${orgId}, ${accountId}, min(ts), max(ts), count(*) from act having count(*) > 0
      on conflict (org_id, account_id) do update set
        first_seen_at = least(usage_account_activity.first_seen_at, excluded.first_seen_at),
        last_seen_at = greatest(usage_account_activity.last_seen_at, excluded.last_seen_at),
        events = usage_account_activity.events + excluded.events
    )
    select count(*)::int as moved from moved`)) as unknown as { rows: { moved: number }[] };
  return Number(result.rows[0]?.moved ?? 0);
}

/** Which of these users have events kept under their own key (no account key seen for them yet). */
export async function findUnmappedUserKeys(db: Db, orgId: string, sourceId: string, userIds: string[]): Promise<string[]> {
  if (!userIds.length) return [];
  const rows = await db
    .select({ key: usageKeys.key })
    .from(usageKeys)
    .where(
      and(
        eq(usageKeys.orgId, orgId),
        eq(usageKeys.sourceId, sourceId),
        eq(usageKeys.kind, 'user'),
        inArray(usageKeys.key, userIds),
        isNull(usageKeys.accountId),
        isNull(usageKeys.ignoredAt),
      ),
    );
  return rows.map((r) => r.key);
}

// ---- settings ----

export async function findSettings(db: Db, orgId: string) {
  const [row] = await db.select().from(usageSettings).where(eq(usageSettings.orgId, orgId));
  return row ?? null;
}

export async function upsertSettings(db: Db, orgId: string, retentionMonths: number, at: Date) {
  await db
    .insert(usageSettings)
    .values({ orgId, retentionMonths, updatedAt: at })
    .onConflictDoUpdate({ target: usageSettings.orgId, set: { retentionMonths, updatedAt: at } });
}

/** Which of these ids are accounts of the organisation. */
export async function findExistingAccountIds(db: Db, orgId: string, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.orgId, orgId), inArray(accounts.id, ids)));
  return new Set(rows.map((r) => r.id));
}
