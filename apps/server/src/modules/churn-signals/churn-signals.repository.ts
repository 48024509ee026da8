import {
  aliasedTable,
  and,
  asc,
  count,
  desc,
  eq,
  getTableColumns,
  gte,
  ilike,
  inArray,
  isNotNull,
  isNull,
  lt,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { containsPattern } from '../../platform/db/like.ts';
import { accounts } from '../accounts/index.ts';
import { users } from '../identity/index.ts';
import type { TChurnSignalListQuery, TChurnSignalsExportQuery } from './churn-signals.schemas.ts';
import { churnSignals } from './churn-signals.table.ts';

/** Queries only: no HTTP, no access checks. Takes a db or a transaction; every query filters on org_id. */

export type TChurnSignalRow = typeof churnSignals.$inferSelect & { createdByName: string | null; acknowledgedByName: string | null };
export type TChurnSignalListRow = TChurnSignalRow & { accountName: string; ownerName: string | null };

/** Which rows the organisation-wide list may show: the organisation's, of the actor's own accounts when limited to them. */
export interface TChurnSignalScope {
  orgId: string;
  ownerUserId: string | null;
}

const creator = aliasedTable(users, 'creator');
const acknowledger = aliasedTable(users, 'acknowledger');
const owner = aliasedTable(users, 'owner');

/** The signal with the names of who raised and who acknowledged it. */
const withNames = (db: Db) =>
  db
    .select({ ...getTableColumns(churnSignals), createdByName: creator.name, acknowledgedByName: acknowledger.name })
    .from(churnSignals)
    .leftJoin(creator, and(eq(creator.orgId, churnSignals.orgId), eq(creator.id, churnSignals.createdByUserId)))
    .leftJoin(acknowledger, and(eq(acknowledger.orgId, churnSignals.orgId), eq(acknowledger.id, churnSignals.acknowledgedByUserId)));

const withAccount = (db: Db) =>
  db
    .select({
      ...getTableColumns(churnSignals),
      createdByName: creator.name,
      acknowledgedByName: acknowledger.name,
      accountName: accounts.name,
      ownerName: owner.name,
    })
    .from(churnSignals)
    .innerJoin(accounts, and(eq(accounts.orgId, churnSignals.orgId), eq(accounts.id, churnSignals.accountId)))
    .leftJoin(owner, and(eq(owner.orgId, accounts.orgId), eq(owner.id, accounts.ownerUserId)))
    .leftJoin(creator, and(eq(creator.orgId, churnSignals.orgId), eq(creator.id, churnSignals.createdByUserId)))
    .leftJoin(acknowledger, and(eq(acknowledger.orgId, churnSignals.orgId), eq(acknowledger.id, churnSignals.acknowledgedByUserId)));

const nextDay = (day: string) => sql`(${day}::date + 1)`;

function listWhere(scope: TChurnSignalScope, q: TChurnSignalsExportQuery): SQL | undefined {
  const like = q.q ? containsPattern(q.q) : null;
  return and(
    eq(churnSignals.orgId, scope.orgId),
    scope.ownerUserId ? eq(accounts.ownerUserId, scope.ownerUserId) : undefined,
    q.ownerUserId ? eq(accounts.ownerUserId, q.ownerUserId) : undefined,
    q.accountId ? eq(churnSignals.accountId, q.accountId) : undefined,
    q.kind?.length ? inArray(churnSignals.kind, q.kind) : undefined,
    q.status === 'open'
      ? isNull(churnSignals.acknowledgedAt)
      : q.status === 'acknowledged'
        ? isNotNull(churnSignals.acknowledgedAt)
        : undefined,
    q.from ? gte(churnSignals.occurredAt, sql`${q.from}::date`) : undefined,
    q.to ? lt(churnSignals.occurredAt, nextDay(q.to)) : undefined,
    like ? or(ilike(accounts.name, like), ilike(churnSignals.note, like), ilike(churnSignals.acknowledgeNote, like)) : undefined,
  );
}

const SORTS = {
  occurredAt: churnSignals.occurredAt,
  account: sql`lower(${accounts.name})`,
  kind: churnSignals.kind,
} as const;

/** One page of the organisation-wide list (also the CSV export's batches), in the asked order. */
export async function findChurnSignalsPage(
  db: Db,
  scope: TChurnSignalScope,
  q: TChurnSignalsExportQuery,
  page: { limit: number; offset: number },
): Promise<TChurnSignalListRow[]> {
  const dir = q.order === 'asc' ? asc : desc;
  return withAccount(db)
    .where(listWhere(scope, q))
    .orderBy(dir(SORTS[q.sort]), dir(churnSignals.occurredAt), dir(churnSignals.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countChurnSignals(db: Db, scope: TChurnSignalScope, q: TChurnSignalsExportQuery): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(churnSignals)
    .innerJoin(accounts, and(eq(accounts.orgId, churnSignals.orgId), eq(accounts.id, churnSignals.accountId)))
    .where(listWhere(scope, q));
  return row?.n ?? 0;
}

export async function findChurnSignalById(db: Db, orgId: string, id: string): Promise<TChurnSignalRow | null> {
  const [row] = await withNames(db).where(and(eq(churnSignals.orgId, orgId), eq(churnSignals.id, id)));
  return row ?? null;
}

export async function listChurnSignalRowsOfAccount(db: Db, orgId: string, accountId: string, q: TChurnSignalListQuery) {
  const where = and(eq(churnSignals.orgId, orgId), eq(churnSignals.accountId, accountId));
  const dir = q.order === 'asc' ? asc : desc;
  const [rows, [total]] = await Promise.all([
    withNames(db)
      .where(where)
      .orderBy(dir(churnSignals.occurredAt), dir(churnSignals.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(churnSignals).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** Inserts the signal unless one with its source exists: the new row's id, or null when it was raised before. */
export async function insertChurnSignalOnce(db: Db, values: typeof churnSignals.$inferInsert): Promise<string | null> {
  const [row] = await db
    .insert(churnSignals)
    .values(values)
    .onConflictDoNothing({ target: [churnSignals.orgId, churnSignals.sourceRef] })
    .returning({ id: churnSignals.id });
  return row?.id ?? null;
}

export async function acknowledgeChurnSignalRow(db: Db, orgId: string, id: string, by: { userId: string; at: Date; note: string | null }) {
  await db
    .update(churnSignals)
    .set({ acknowledgedAt: by.at, acknowledgedByUserId: by.userId, acknowledgeNote: by.note })
    .where(and(eq(churnSignals.orgId, orgId), eq(churnSignals.id, id)));
}
