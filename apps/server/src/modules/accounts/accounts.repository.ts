import {
  and,
  arrayContains,
  asc,
  count,
  desc,
  eq,
  getTableColumns,
  gt,
  ilike,
  inArray,
  isNotNull,
  isNull,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { containsPattern } from '../../platform/db/like.ts';
import { touchedByImport } from '../audit/index.ts';
import { users } from '../identity/index.ts';
import { markets } from '../organisations/index.ts';
import type { TAccountListQuery } from './accounts.schemas.ts';
import { accounts } from './accounts.table.ts';

/**
 * Every query of the accounts module: no HTTP, no access checks. Each function takes a db or a transaction
 * and the organisation explicitly, and every query filters on it.
 */

// Flat, so rows need no reshaping: a list page maps 50 of them per request.
const selection = {
  ...getTableColumns(accounts),
  marketCode: markets.code,
  marketName: markets.name,
  ownerName: users.name,
};

export type TAccountRow = typeof accounts.$inferSelect & { marketCode: string | null; marketName: string | null; ownerName: string | null };

function baseSelect(db: Db) {
  return db
    .select(selection)
    .from(accounts)
    .leftJoin(markets, and(eq(markets.orgId, accounts.orgId), eq(markets.id, accounts.marketId)))
    .leftJoin(users, and(eq(users.orgId, accounts.orgId), eq(users.id, accounts.ownerUserId)));
}

/**
 * The account page and every contact/timeline route look an account up by id, so this query is built once per
 * database (or transaction) handle instead of per call; on PostgreSQL it is a named prepared statement, so each
 * pooled connection also plans it once.
 */
const prepareFindById = (db: Db) =>
  baseSelect(db)
    .where(and(eq(accounts.orgId, sql.placeholder('orgId')), eq(accounts.id, sql.placeholder('id'))))
    .prepare('accounts_find_by_id');
const findByIdQueries = new WeakMap<Db, ReturnType<typeof prepareFindById>>();

export async function findAccountById(db: Db, orgId: string, id: string): Promise<TAccountRow | null> {
  let query = findByIdQueries.get(db);
  if (!query) {
    query = prepareFindById(db);
    findByIdQueries.set(db, query);
  }
  const [row] = await query.execute({ orgId, id });
  return row ?? null;
}

export function accountListWhere(
  orgId: string,
  q: Partial<TAccountListQuery>,
  ownerScope: string | null,
  actorUserId: string,
): SQL | undefined {
  const owners = q.ownerUserId?.map((o) => (o === 'me' ? actorUserId : o));
  const ownerIds = owners?.filter((o) => o !== 'none');
  return and(
    eq(accounts.orgId, orgId),
    ownerScope ? eq(accounts.ownerUserId, ownerScope) : undefined,
    q.status === 'archived' ? isNotNull(accounts.archivedAt) : q.status === 'all' ? undefined : isNull(accounts.archivedAt),
    q.q
      ? or(ilike(accounts.name, containsPattern(q.q)), ilike(accounts.domain, containsPattern(q.q)), eq(accounts.externalId, q.q))
      : undefined,
    q.marketId?.length ? inArray(accounts.marketId, q.marketId) : undefined,
    q.segment?.length ? inArray(accounts.segment, q.segment) : undefined,
    q.edition?.length ? inArray(accounts.edition, q.edition) : undefined,
    q.lifecycleStage?.length ? inArray(accounts.lifecycleStage, q.lifecycleStage) : undefined,
    owners?.length
      ? or(
          ownerIds?.length ? inArray(accounts.ownerUserId, ownerIds) : undefined,
          owners.includes('none') ? isNull(accounts.ownerUserId) : undefined,
        )
      : undefined,
    q.tag?.length ? arrayContains(accounts.tags, q.tag) : undefined,
    q.importId ? touchedByImport(orgId, 'account', q.importId, accounts.id) : undefined,
  );
}

const SORT_COLUMNS = {
  name: sql`lower(${accounts.name})`,
  createdAt: accounts.createdAt,
  updatedAt: accounts.updatedAt,
  segment: accounts.segment,
  edition: accounts.edition,
  lifecycleStage: accounts.lifecycleStage,
  employees: accounts.employees,
  market: markets.name,
  owner: users.name,
} as const;

export async function listAccounts(db: Db, where: SQL | undefined, q: Pick<TAccountListQuery, 'sort' | 'order' | 'page' | 'pageSize'>) {
  const dir = q.order === 'desc' ? desc : asc;
  const [rows, [total]] = await Promise.all([
    baseSelect(db)
      .where(where)
      .orderBy(dir(SORT_COLUMNS[q.sort]), dir(accounts.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(accounts).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** Every matching account in id order, a batch at a time (keyset paging), for exports of any size. */
export async function* iterateAccounts(db: Db, where: SQL | undefined, batchSize = 1000): AsyncGenerator<TAccountRow[]> {
  let after: string | null = null;
  for (;;) {
    const batch = await baseSelect(db)
      .where(and(where, after ? gt(accounts.id, after) : undefined))
      .orderBy(asc(accounts.id))
      .limit(batchSize);
    if (!batch.length) return;
    yield batch;
    after = batch[batch.length - 1]?.id ?? null;
    if (batch.length < batchSize) return;
  }
}

/** Whether a market of this organisation has the id (for the reference check before a write). */
export async function marketExists(db: Db, orgId: string, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: markets.id })
    .from(markets)
    .where(and(eq(markets.orgId, orgId), eq(markets.id, id)));
  return Boolean(row);
}

/** The organisation's market ids by code (the demo's customers name their market by code). */
export async function findMarketIdsByCode(db: Db, orgId: string): Promise<Map<string, string>> {
  const rows = await db.select({ id: markets.id, code: markets.code }).from(markets).where(eq(markets.orgId, orgId));
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** Whether a user of this organisation has the id. */
export async function userExists(db: Db, orgId: string, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, id)));
  return Boolean(row);
}

/** The id of the account that has this external id or domain, if any. */
export async function findAccountIdBy(db: Db, orgId: string, column: 'externalId' | 'domain', value: string): Promise<string | null> {
  const col = column === 'externalId' ? accounts.externalId : accounts.domain;
  const [row] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.orgId, orgId), eq(col, value)));
  return row?.id ?? null;
}

export type TNewAccountRow = typeof accounts.$inferInsert;

export async function insertAccount(db: Db, row: TNewAccountRow & { orgId: string }): Promise<void> {
  await db.insert(accounts).values(row);
}

/** Locks the account's row until the transaction ends, so two updates of one account take turns. */
export async function lockAccount(db: Db, orgId: string, id: string): Promise<void> {
  await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.orgId, orgId), eq(accounts.id, id)))
    .for('update');
}

export async function updateAccount(db: Db, orgId: string, id: string, values: Partial<TNewAccountRow>): Promise<void> {
  await db
    .update(accounts)
    .set(values)
    .where(and(eq(accounts.orgId, orgId), eq(accounts.id, id)));
}

/**
 * One field of many accounts at once (a playbook's action): segment, edition, lifecycle stage, a tag added, or a
 * custom field (`custom:<key>`). Only accounts whose value differs change (version bumped). Returns their ids.
 */
export async function setFieldOnAccounts(db: Db, orgId: string, ids: readonly string[], field: string, value: string, now: Date) {
  if (!ids.length) return [];
  const only = sql`id in (select x::uuid from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb) x)`;
  const at = now.toISOString();
  const set = field.startsWith('custom:')
    ? {
        assign: sql`custom = jsonb_set(custom, array[${field.slice(7)}], to_jsonb(${value}::text))`,
        differs: sql`custom ->> ${field.slice(7)} is distinct from ${value}`,
      }
    : field === 'tag'
      ? { assign: sql`tags = array_append(tags, ${value}::text)`, differs: sql`not (${value} = any(tags))` }
      : field === 'segment'
        ? { assign: sql`segment = ${value}`, differs: sql`segment is distinct from ${value}` }
        : field === 'edition'
          ? { assign: sql`edition = ${value}`, differs: sql`edition is distinct from ${value}` }
          : { assign: sql`lifecycle_stage = ${value}`, differs: sql`lifecycle_stage is distinct from ${value}` };
  const res = await db.execute(sql`update accounts set ${set.assign}, version = version + 1, updated_at = ${at}::timestamptz
    where org_id = ${orgId} and ${only} and ${set.differs} returning id`);
  return (res as unknown as { rows: { id: string }[] }).rows.map((r) => r.id);
}
