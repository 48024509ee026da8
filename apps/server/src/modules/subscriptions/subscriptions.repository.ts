import { and, asc, count, desc, eq, gte, ilike, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { containsPattern } from '../../platform/db/like.ts';
import { acrossOrganisations } from '../../platform/db/tenancy.ts';
import { accounts } from '../accounts/index.ts';
import type { TSubscriptionExportQuery, TSubscriptionListQuery } from './subscriptions.schemas.ts';
import { cancelReasons, subscriptionChanges, subscriptionLineVersions, subscriptions } from './subscriptions.table.ts';
import type { TLineVersion } from './subscriptions.timeline.ts';

/** Queries only: no HTTP, no access checks. Every function takes a db or a transaction and the organisation. */

export type TSubscriptionRow = typeof subscriptions.$inferSelect & { accountName: string };
export type TChangeRow = typeof subscriptionChanges.$inferSelect & {
  subscriptionReference: string;
  currency: string;
  accountName: string;
  reasonLabel: string | null;
  actorName: string | null;
};
export type TVersionRow = typeof subscriptionLineVersions.$inferSelect;

/** Which subscriptions a list may show: the organisation's, and the actor's own accounts' when limited. */
export interface TScope {
  orgId: string;
  ownerUserId: string | null;
}

const withAccount = (db: Db) =>
  db
    .select({ sub: subscriptions, accountName: accounts.name })
    .from(subscriptions)
    .innerJoin(accounts, and(eq(accounts.orgId, subscriptions.orgId), eq(accounts.id, subscriptions.accountId)));
const flat = (r: { sub: typeof subscriptions.$inferSelect; accountName: string }): TSubscriptionRow => ({
  ...r.sub,
  accountName: r.accountName,
});

export async function findSubscription(db: Db, orgId: string, id: string): Promise<TSubscriptionRow | null> {
  const [row] = await withAccount(db).where(and(eq(subscriptions.orgId, orgId), eq(subscriptions.id, id)));
  return row ? flat(row) : null;
}

export async function lockSubscription(tx: Db, orgId: string, id: string) {
  await tx.execute(sql`select 1 from subscriptions where org_id = ${orgId} and id = ${id} for update`);
}

/**
 * The next free reference, SUB-0001 upwards. Two transactions that add subscriptions to one organisation at once
 * (an import and a person, two imports) would read the same highest one and the second would fail on the unique
 * reference; so the first to ask holds the organisation's reference lock until it commits, and the other reads
 * after that. Call it in the transaction that inserts the subscriptions.
 */
export async function nextReference(tx: Db, orgId: string): Promise<string> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`subscriptions.reference:${orgId}`}, 0))`);
  const [row] = await tx
    .select({ n: sql<number>`coalesce(max(nullif(regexp_replace(${subscriptions.reference}, '\\D', '', 'g'), '')::bigint), 0)` })
    .from(subscriptions)
    .where(and(eq(subscriptions.orgId, orgId), sql`${subscriptions.reference} ~ '^SUB-[0-9]+$'`));
  return `SUB-${String(Number(row?.n ?? 0) + 1).padStart(4, '0')}`;
}

export async function insertSubscription(tx: Db, row: typeof subscriptions.$inferInsert) {
  await tx.insert(subscriptions).values(row);
}

export async function updateSubscription(tx: Db, orgId: string, id: string, set: Partial<typeof subscriptions.$inferInsert>) {
  await tx
    .update(subscriptions)
    .set(set)
    .where(and(eq(subscriptions.orgId, orgId), eq(subscriptions.id, id)));
}

export async function subscriptionsOfAccount(db: Db, orgId: string, accountId: string): Promise<TSubscriptionRow[]> {
  const rows = await withAccount(db)
    .where(and(eq(subscriptions.orgId, orgId), eq(subscriptions.accountId, accountId)))
    .orderBy(asc(subscriptions.termStart), asc(subscriptions.reference));
  return rows.map(flat);
}

const SORTS = {
  reference: subscriptions.reference,
  account: sql`lower(${accounts.name})`,
  mrr: subscriptions.mrrCents,
  termEnd: subscriptions.termEnd,
  status: subscriptions.status,
  createdAt: subscriptions.createdAt,
} as const;

function subscriptionsWhere(scope: TScope, q: TSubscriptionExportQuery) {
  const like = q.q ? containsPattern(q.q) : null;
  return and(
    eq(subscriptions.orgId, scope.orgId),
    scope.ownerUserId ? eq(accounts.ownerUserId, scope.ownerUserId) : undefined,
    isNull(accounts.archivedAt),
    q.accountId ? eq(subscriptions.accountId, q.accountId) : undefined,
    q.status?.length ? inArray(subscriptions.status, q.status) : undefined,
    q.currency ? eq(subscriptions.currency, q.currency) : undefined,
    q.planId
      ? sql`exists (select 1 from subscription_line_versions v where v.org_id = ${scope.orgId} and v.subscription_id = ${subscriptions.id} and v.plan_id = ${q.planId})`
      : undefined,
    like ? or(ilike(subscriptions.reference, like), ilike(accounts.name, like)) : undefined,
  );
}

/** One page of the subscriptions a list or an export shows, in its order. */
export async function findSubscriptions(db: Db, scope: TScope, q: TSubscriptionExportQuery, page: { limit: number; offset: number }) {
  const dir = q.order === 'desc' ? desc : asc;
  const rows = await withAccount(db)
    .where(subscriptionsWhere(scope, q))
    .orderBy(dir(SORTS[q.sort]), dir(subscriptions.id))
    .limit(page.limit)
    .offset(page.offset);
  return rows.map(flat);
}

export async function listSubscriptions(db: Db, scope: TScope, q: TSubscriptionListQuery) {
  const [rows, [total]] = await Promise.all([
    findSubscriptions(db, scope, q, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
    db
      .select({ n: count() })
      .from(subscriptions)
      .innerJoin(accounts, and(eq(accounts.orgId, subscriptions.orgId), eq(accounts.id, subscriptions.accountId)))
      .where(subscriptionsWhere(scope, q)),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function nextSeq(tx: Db, orgId: string, subscriptionId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`coalesce(max(${subscriptionChanges.seq}), 0)` })
    .from(subscriptionChanges)
    .where(and(eq(subscriptionChanges.orgId, orgId), eq(subscriptionChanges.subscriptionId, subscriptionId)));
  return Number(row?.n ?? 0) + 1;
}

export async function insertChange(tx: Db, row: typeof subscriptionChanges.$inferInsert) {
  await tx.insert(subscriptionChanges).values(row);
}

export async function findChangeByExternalId(db: Db, orgId: string, externalId: string) {
  const [row] = await db
    .select()
    .from(subscriptionChanges)
    .where(and(eq(subscriptionChanges.orgId, orgId), eq(subscriptionChanges.externalId, externalId)));
  return row ?? null;
}

export async function setChangeMrr(tx: Db, orgId: string, id: string, before: number, after: number) {
  await tx
    .update(subscriptionChanges)
    .set({ mrrBeforeCents: before, mrrAfterCents: after })
    .where(and(eq(subscriptionChanges.orgId, orgId), eq(subscriptionChanges.id, id)));
}

export async function deleteChange(tx: Db, orgId: string, id: string) {
  await tx.delete(subscriptionChanges).where(and(eq(subscriptionChanges.orgId, orgId), eq(subscriptionChanges.id, id)));
}

// ---- line versions -----------------------------------------------------------------------------------

export async function replaceVersions(
  tx: Db,
  orgId: string,
  sub: { id: string; accountId: string; currency: string; intervalMonths: number },
  versions: TLineVersion[],
) {
  await tx
    .delete(subscriptionLineVersions)
    .where(and(eq(subscriptionLineVersions.orgId, orgId), eq(subscriptionLineVersions.subscriptionId, sub.id)));
  if (!versions.length) return;
  await tx.insert(subscriptionLineVersions).values(
    versions.map((v) => ({
      orgId,
      subscriptionId: sub.id,
      accountId: sub.accountId,
      currency: sub.currency,
      intervalMonths: sub.intervalMonths,
      ...v,
      quantity: String(v.quantity),
      unitPrice: String(v.unitPrice),
      discountPercent: String(v.discountPercent),
    })),
  );
}

export async function versionsOfSubscription(db: Db, orgId: string, subscriptionId: string): Promise<TVersionRow[]> {
  return db
    .select()
    .from(subscriptionLineVersions)
    .where(and(eq(subscriptionLineVersions.orgId, orgId), eq(subscriptionLineVersions.subscriptionId, subscriptionId)))
    .orderBy(asc(subscriptionLineVersions.validFrom), asc(subscriptionLineVersions.lineKey));
}

/** The line versions of several accounts (a bulk write's projection), each account's in one list. */
export async function versionsOfAccounts(db: Db, orgId: string, accountIds: readonly string[]): Promise<Map<string, TVersionRow[]>> {
  const out = new Map<string, TVersionRow[]>(accountIds.map((id) => [id, []]));
  if (!accountIds.length) return out;
  const rows = await db
    .select()
    .from(subscriptionLineVersions)
    .where(and(eq(subscriptionLineVersions.orgId, orgId), inArray(subscriptionLineVersions.accountId, [...accountIds])));
  for (const r of rows) out.get(r.accountId)?.push(r);
  return out;
}

/** Per account, per subscription of it that ended by a cancellation, the day the cancellation was requested. */
export async function cancellationDaysOfAccounts(
  db: Db,
  orgId: string,
  accountIds: readonly string[],
): Promise<Map<string, Map<string, string>>> {
  const out = new Map<string, Map<string, string>>(accountIds.map((id) => [id, new Map()]));
  if (!accountIds.length) return out;
  const rows = await db
    .select({
      accountId: subscriptionChanges.accountId,
      subscriptionId: subscriptionChanges.subscriptionId,
      kind: subscriptionChanges.kind,
      day: subscriptionChanges.effectiveDate,
    })
    .from(subscriptionChanges)
    .where(
      and(
        eq(subscriptionChanges.orgId, orgId),
        accountIds.length === 1
          ? eq(subscriptionChanges.accountId, accountIds[0] as string)
          : inArray(subscriptionChanges.accountId, [...accountIds]),
        inArray(subscriptionChanges.kind, ['cancel_request', 'cancel_withdrawn', 'reactivation', 'renewal']),
      ),
    )
    .orderBy(asc(subscriptionChanges.effectiveDate), asc(subscriptionChanges.seq));
  for (const r of rows) {
    const days = out.get(r.accountId);
    if (!days) continue;
    if (r.kind === 'cancel_request') days.set(r.subscriptionId, r.day);
    else days.delete(r.subscriptionId);
  }
  return out;
}

// ---- cancel reasons ----------------------------------------------------------------------------------

export async function listCancelReasons(db: Db, orgId: string) {
  return db
    .select()
    .from(cancelReasons)
    .where(eq(cancelReasons.orgId, orgId))
    .orderBy(asc(cancelReasons.sortOrder), asc(cancelReasons.label));
}

export async function findCancelReason(db: Db, orgId: string, id: string) {
  const [row] = await db
    .select()
    .from(cancelReasons)
    .where(and(eq(cancelReasons.orgId, orgId), eq(cancelReasons.id, id)));
  return row ?? null;
}

export async function insertCancelReason(tx: Db, row: typeof cancelReasons.$inferInsert) {
  await tx.insert(cancelReasons).values(row);
}

export async function updateCancelReason(tx: Db, orgId: string, id: string, set: Partial<typeof cancelReasons.$inferInsert>) {
  await tx
    .update(cancelReasons)
    .set(set)
    .where(and(eq(cancelReasons.orgId, orgId), eq(cancelReasons.id, id)));
}

export async function accountIdsWithSubscriptions(db: Db, orgId: string): Promise<string[]> {
  const rows = await db.selectDistinct({ id: subscriptions.accountId }).from(subscriptions).where(eq(subscriptions.orgId, orgId));
  return rows.map((r) => r.id);
}

/**
 * Subscriptions whose status or MRR of today may differ from what was stored (a trial or discount that ended, a
 * cancellation that took effect, a start that came, an auto-renewing term that rolled over) or whose terms were
 * never stored (those from before subscription_terms): across organisations, for the nightly refresh.
 */
export async function subscriptionsToRefresh(db: Db, today: string, since: string): Promise<{ orgId: string; id: string }[]> {
  return acrossOrganisations('the nightly refresh walks every organisation’s subscriptions', async () => {
    const rows = await db.execute(sql`
      select s.org_id, s.id from subscriptions s
      where s.status in ('scheduled', 'trial', 'cancelling')
         or (s.auto_renew and s.status <> 'ended' and s.term_end < ${today})
         or not exists (select 1 from subscription_terms t where t.org_id = s.org_id and t.subscription_id = s.id)
         or (s.status <> 'ended' and exists (
           select 1 from subscription_line_versions v
           where v.org_id = s.org_id and v.subscription_id = s.id
             and ((v.valid_from > ${since} and v.valid_from <= ${today}) or (v.valid_to > ${since} and v.valid_to <= ${today}))))
      order by s.org_id, s.id`);
    return (rows as unknown as { rows: { org_id: string; id: string }[] }).rows.map((r) => ({ orgId: r.org_id, id: r.id }));
  });
}

/** Cancellations (requests and immediate ends) in a range, with the reason, competitor and MRR given up. */
export async function cancellationsInRange(db: Db, scope: TScope, from: string, to: string) {
  return db
    .select({
      reasonId: subscriptionChanges.reasonId,
      reasonLabel: cancelReasons.label,
      competitorId: subscriptionChanges.competitorId,
      accountId: subscriptionChanges.accountId,
      currency: subscriptions.currency,
      effectiveDate: subscriptionChanges.effectiveDate,
      mrrCents: subscriptionChanges.mrrBeforeCents,
    })
    .from(subscriptionChanges)
    .innerJoin(
      subscriptions,
      and(eq(subscriptions.orgId, subscriptionChanges.orgId), eq(subscriptions.id, subscriptionChanges.subscriptionId)),
    )
    .innerJoin(accounts, and(eq(accounts.orgId, subscriptionChanges.orgId), eq(accounts.id, subscriptionChanges.accountId)))
    .leftJoin(cancelReasons, and(eq(cancelReasons.orgId, subscriptionChanges.orgId), eq(cancelReasons.id, subscriptionChanges.reasonId)))
    .where(
      and(
        eq(subscriptionChanges.orgId, scope.orgId),
        scope.ownerUserId ? eq(accounts.ownerUserId, scope.ownerUserId) : undefined,
        inArray(subscriptionChanges.kind, ['cancel_request', 'end']),
        gte(subscriptionChanges.effectiveDate, from),
        lte(subscriptionChanges.effectiveDate, to),
      ),
    );
}
