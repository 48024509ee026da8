import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { subscriptionChanges, subscriptionLineVersions, subscriptions, subscriptionTerms } from './subscriptions.table.ts';
import type { TTerm } from './subscriptions.terms.ts';
import type { TLineVersion } from './subscriptions.timeline.ts';

/**
 * The import's writes, a batch of subscriptions at a time: one statement per table and batch instead of one per
 * subscription or change (subscriptions.import.ts). Every function takes the transaction and the organisation.
 */

/** Rows per multi-row INSERT: well under PostgreSQL's 65,535 parameters for the widest of these tables. */
const ROWS_PER_INSERT = 1000;

async function insertInChunks<T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) await insert(rows.slice(i, i + ROWS_PER_INSERT));
}

export async function findSubscriptionsByExternalIds(db: Db, orgId: string, externalIds: string[]) {
  if (!externalIds.length) return [];
  return db
    .select()
    .from(subscriptions)
    .where(and(eq(subscriptions.orgId, orgId), inArray(subscriptions.externalId, externalIds)));
}

export async function lockSubscriptions(tx: Db, orgId: string, ids: string[]) {
  await tx
    .select({ id: subscriptions.id })
    .from(subscriptions)
    .where(and(eq(subscriptions.orgId, orgId), inArray(subscriptions.id, ids)))
    .for('update');
}

/** The change logs of several subscriptions, each in replay order. */
export async function changesOfSubscriptions(db: Db, orgId: string, subscriptionIds: string[]) {
  return db
    .select()
    .from(subscriptionChanges)
    .where(and(eq(subscriptionChanges.orgId, orgId), inArray(subscriptionChanges.subscriptionId, subscriptionIds)))
    .orderBy(asc(subscriptionChanges.subscriptionId), asc(subscriptionChanges.effectiveDate), asc(subscriptionChanges.seq));
}

export async function deleteChangesOfSubscriptions(tx: Db, orgId: string, subscriptionIds: string[]) {
  await tx
    .delete(subscriptionChanges)
    .where(and(eq(subscriptionChanges.orgId, orgId), inArray(subscriptionChanges.subscriptionId, subscriptionIds)));
}

export async function insertSubscriptions(tx: Db, rows: (typeof subscriptions.$inferInsert)[]) {
  await insertInChunks(rows, (chunk) => tx.insert(subscriptions).values(chunk));
}

export async function insertChanges(tx: Db, rows: (typeof subscriptionChanges.$inferInsert)[]) {
  await insertInChunks(rows, (chunk) => tx.insert(subscriptionChanges).values(chunk));
}

/** The line versions of several subscriptions; those of `replacing` (already stored) are deleted first. */
export async function replaceVersionsOfSubscriptions(
  tx: Db,
  orgId: string,
  items: { sub: { id: string; accountId: string; currency: string; intervalMonths: number }; versions: TLineVersion[] }[],
  replacing: string[],
) {
  if (replacing.length)
    await tx
      .delete(subscriptionLineVersions)
      .where(and(eq(subscriptionLineVersions.orgId, orgId), inArray(subscriptionLineVersions.subscriptionId, replacing)));
  const rows = items.flatMap(({ sub, versions }) =>
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
  await insertInChunks(rows, (chunk) => tx.insert(subscriptionLineVersions).values(chunk));
}

/** The terms of several subscriptions; those of `replacing` (already stored) are deleted first. */
export async function replaceTermsOfSubscriptions(
  tx: Db,
  orgId: string,
  items: { sub: { id: string; accountId: string; currency: string }; terms: TTerm[] }[],
  replacing: string[],
) {
  if (replacing.length)
    await tx.delete(subscriptionTerms).where(and(eq(subscriptionTerms.orgId, orgId), inArray(subscriptionTerms.subscriptionId, replacing)));
  const rows = items.flatMap(({ sub, terms }) =>
    terms.map((t, i) => ({ orgId, subscriptionId: sub.id, termNo: i + 1, accountId: sub.accountId, currency: sub.currency, ...t })),
  );
  await insertInChunks(rows, (chunk) => tx.insert(subscriptionTerms).values(chunk));
}
