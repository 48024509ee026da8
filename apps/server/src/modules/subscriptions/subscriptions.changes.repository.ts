import { and, asc, count, desc, eq, gte, ilike, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { containsPattern } from '../../platform/db/like.ts';
import { accounts } from '../accounts/index.ts';
import { users } from '../identity/index.ts';
import type { TChangeRow, TScope } from './subscriptions.repository.ts';
import type { TChangeExportQuery, TChangeListQuery } from './subscriptions.schemas.ts';
import { cancelReasons, subscriptionChanges, subscriptions } from './subscriptions.table.ts';

/** The subscription changes as people read them: one subscription's history, and the list across accounts. */

const changeSelect = (db: Db) =>
  db
    .select({
      c: subscriptionChanges,
      subscriptionReference: subscriptions.reference,
      currency: subscriptions.currency,
      accountName: accounts.name,
      reasonLabel: cancelReasons.label,
      actorName: users.name,
    })
    .from(subscriptionChanges)
    .innerJoin(
      subscriptions,
      and(eq(subscriptions.orgId, subscriptionChanges.orgId), eq(subscriptions.id, subscriptionChanges.subscriptionId)),
    )
    .innerJoin(accounts, and(eq(accounts.orgId, subscriptionChanges.orgId), eq(accounts.id, subscriptionChanges.accountId)))
    .leftJoin(cancelReasons, and(eq(cancelReasons.orgId, subscriptionChanges.orgId), eq(cancelReasons.id, subscriptionChanges.reasonId)))
    .leftJoin(users, and(eq(users.orgId, subscriptionChanges.orgId), eq(users.id, subscriptionChanges.actorUserId)));
type TChangeSelected = Awaited<ReturnType<ReturnType<typeof changeSelect>['execute']>>[number];
const flatChange = (r: TChangeSelected): TChangeRow => ({ ...r.c, ...r, c: undefined }) as unknown as TChangeRow;

export async function changesOfSubscription(db: Db, orgId: string, subscriptionId: string): Promise<TChangeRow[]> {
  const rows = await changeSelect(db)
    .where(and(eq(subscriptionChanges.orgId, orgId), eq(subscriptionChanges.subscriptionId, subscriptionId)))
    .orderBy(asc(subscriptionChanges.effectiveDate), asc(subscriptionChanges.seq));
  return rows.map(flatChange);
}

const CHANGE_SORTS = {
  effectiveDate: subscriptionChanges.effectiveDate,
  account: sql`lower(${accounts.name})`,
  kind: subscriptionChanges.kind,
  reason: sql`lower(${cancelReasons.label})`,
  mrrBefore: subscriptionChanges.mrrBeforeCents,
  mrrAfter: subscriptionChanges.mrrAfterCents,
  mrrChange: sql`${subscriptionChanges.mrrAfterCents} - ${subscriptionChanges.mrrBeforeCents}`,
  reference: subscriptions.reference,
} as const;

function changesWhere(scope: TScope, q: TChangeExportQuery): SQL | undefined {
  const like = q.q ? containsPattern(q.q) : null;
  return and(
    eq(subscriptionChanges.orgId, scope.orgId),
    scope.ownerUserId ? eq(accounts.ownerUserId, scope.ownerUserId) : undefined,
    q.accountId ? eq(subscriptionChanges.accountId, q.accountId) : undefined,
    q.kind?.length ? inArray(subscriptionChanges.kind, q.kind) : undefined,
    q.from ? gte(subscriptionChanges.effectiveDate, q.from) : undefined,
    q.to ? lte(subscriptionChanges.effectiveDate, q.to) : undefined,
    q.reasonId ? eq(subscriptionChanges.reasonId, q.reasonId) : undefined,
    q.competitorId ? eq(subscriptionChanges.competitorId, q.competitorId) : undefined,
    like ? or(ilike(accounts.name, like), ilike(subscriptions.reference, like), ilike(subscriptionChanges.comment, like)) : undefined,
  );
}

/** One page of the changes a list or an export shows, in its order (ties: newest first within a subscription). */
export async function findChanges(db: Db, scope: TScope, q: TChangeExportQuery, page: { limit: number; offset: number }) {
  const dir = q.order === 'asc' ? asc : desc;
  const rows = await changeSelect(db)
    .where(changesWhere(scope, q))
    .orderBy(dir(CHANGE_SORTS[q.sort]), dir(subscriptionChanges.effectiveDate), dir(subscriptionChanges.seq), asc(subscriptionChanges.id))
    .limit(page.limit)
    .offset(page.offset);
  return rows.map(flatChange);
}

export async function listChanges(db: Db, scope: TScope, q: TChangeListQuery) {
  const [rows, [total]] = await Promise.all([
    findChanges(db, scope, q, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
    db
      .select({ n: count() })
      .from(subscriptionChanges)
      .innerJoin(
        subscriptions,
        and(eq(subscriptions.orgId, subscriptionChanges.orgId), eq(subscriptions.id, subscriptionChanges.subscriptionId)),
      )
      .innerJoin(accounts, and(eq(accounts.orgId, subscriptionChanges.orgId), eq(accounts.id, subscriptionChanges.accountId)))
      .where(changesWhere(scope, q)),
  ]);
  return { rows, total: total?.n ?? 0 };
}
