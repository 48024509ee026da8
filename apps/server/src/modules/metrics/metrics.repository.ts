import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { accounts } from '../accounts/index.ts';
import { users } from '../identity/index.ts';
import { markets, organisations } from '../organisations/index.ts';
import { plans } from '../plans/index.ts';
import type { TPeriodMovement, TSubscriptionFacts } from './metrics.rollup.ts';
import type { TMetricSettingsStored } from './metrics.schemas.ts';
import type { TGroupKey } from './metrics.series.repository.ts';
import { beginSummaryChange, finishSummaryChange } from './metrics.summary.repository.ts';
import {
  exchangeRates,
  metricSettings,
  mrrAccounts,
  mrrChanges,
  mrrPeriodMovements,
  mrrSubscriptionFacts,
  serviceCosts,
} from './metrics.table.ts';
import type { TMrrChange } from './metrics.timeline.ts';

/**
 * The metrics module's reads and writes of its settings, rates, costs and per-account MRR history: no HTTP, no
 * access checks; each takes the organisation explicitly. The revenue series' aggregates are in
 * metrics.series.repository.ts.
 */

/**
 * Replaces accounts' MRR history — their change points, period movements, subscriptions' facts and plan: one DELETE
 * per table, then the new rows 1,000 to a statement — and adds the difference their monthly rows make to the
 * organisation's monthly summary (metrics.summary.repository.ts).
 */
export async function replaceAccountsMrr(
  tx: Db,
  orgId: string,
  histories: readonly {
    accountId: string;
    changes: readonly TMrrChange[];
    periods: readonly TPeriodMovement[];
    facts: readonly TSubscriptionFacts[];
    primaryPlanId: string | null;
  }[],
) {
  if (!histories.length) return;
  const ids = histories.map((h) => h.accountId);
  const summary = await beginSummaryChange(tx, orgId, ids);
  await tx.delete(mrrAccounts).where(and(eq(mrrAccounts.orgId, orgId), inArray(mrrAccounts.accountId, ids)));
  await tx.delete(mrrChanges).where(and(eq(mrrChanges.orgId, orgId), inArray(mrrChanges.accountId, ids)));
  await tx.delete(mrrPeriodMovements).where(and(eq(mrrPeriodMovements.orgId, orgId), inArray(mrrPeriodMovements.accountId, ids)));
  await tx.delete(mrrSubscriptionFacts).where(and(eq(mrrSubscriptionFacts.orgId, orgId), inArray(mrrSubscriptionFacts.accountId, ids)));
  const marketOf = new Map(
    (
      await tx
        .select({ id: accounts.id, marketId: accounts.marketId })
        .from(accounts)
        .where(and(eq(accounts.orgId, orgId), inArray(accounts.id, ids)))
    ).map((a) => [a.id, a.marketId]),
  );
  const inChunks = async <T>(rows: T[], write: (chunk: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += 1000) await write(rows.slice(i, i + 1000));
  };
  await inChunks(
    histories.flatMap((h) => h.changes.map((c) => ({ orgId, accountId: h.accountId, ...c }))),
    (chunk) => tx.insert(mrrChanges).values(chunk),
  );
  await inChunks(
    histories.flatMap((h) => h.periods.map((p) => ({ orgId, accountId: h.accountId, ...p, marketId: marketOf.get(h.accountId) ?? null }))),
    (chunk) => tx.insert(mrrPeriodMovements).values(chunk),
  );
  await inChunks(
    histories.flatMap((h) => h.facts.map((f) => ({ orgId, accountId: h.accountId, ...f, marketId: marketOf.get(h.accountId) ?? null }))),
    (chunk) => tx.insert(mrrSubscriptionFacts).values(chunk),
  );
  await inChunks(
    histories.filter((h) => h.facts.length).map((h) => ({ orgId, accountId: h.accountId, primaryPlanId: h.primaryPlanId })),
    (chunk) => tx.insert(mrrAccounts).values(chunk),
  );
  await finishSummaryChange(tx, orgId, ids, summary);
}

/** The accounts' current market on their stored movements and facts (after an account moved to another market). */
export async function syncAccountMarkets(tx: Db, orgId: string, accountIds: readonly string[]) {
  if (!accountIds.length) return;
  for (const table of [sql`mrr_period_movements`, sql`mrr_subscription_facts`])
    await tx.execute(sql`update ${table} c set market_id = a.market_id
      from accounts a
      where a.org_id = ${orgId} and a.id = c.account_id and c.org_id = ${orgId}
        and c.account_id = any(${sql.param([...accountIds])}::uuid[]) and c.market_id is distinct from a.market_id`);
}

export async function findSettings(db: Db, orgId: string) {
  const [row] = await db.select().from(metricSettings).where(eq(metricSettings.orgId, orgId));
  return row?.settings ?? null;
}

export async function upsertSettings(tx: Db, orgId: string, settings: TMetricSettingsStored, now: Date) {
  await tx
    .insert(metricSettings)
    .values({ orgId, settings, updatedAt: now })
    .onConflictDoUpdate({ target: metricSettings.orgId, set: { settings, updatedAt: now } });
}

export async function listRates(db: Db, orgId: string, currency?: string) {
  return db
    .select({ currency: exchangeRates.currency, month: exchangeRates.month, rate: exchangeRates.rate })
    .from(exchangeRates)
    .where(currency ? and(eq(exchangeRates.orgId, orgId), eq(exchangeRates.currency, currency)) : eq(exchangeRates.orgId, orgId))
    .orderBy(exchangeRates.currency, exchangeRates.month);
}

export async function upsertRates(tx: Db, orgId: string, rates: { currency: string; month: string; rate: number }[], now: Date) {
  for (const r of rates)
    await tx
      .insert(exchangeRates)
      .values({ orgId, currency: r.currency, month: r.month, rate: String(r.rate), updatedAt: now })
      .onConflictDoUpdate({
        target: [exchangeRates.orgId, exchangeRates.currency, exchangeRates.month],
        set: { rate: String(r.rate), updatedAt: now },
      });
}

export async function listCosts(db: Db, orgId: string, from?: string, to?: string) {
  const where = [eq(serviceCosts.orgId, orgId)];
  if (from) where.push(gte(serviceCosts.month, from));
  if (to) where.push(lte(serviceCosts.month, to));
  return db
    .select()
    .from(serviceCosts)
    .where(and(...where))
    .orderBy(serviceCosts.month);
}

export async function upsertCosts(tx: Db, orgId: string, costs: { month: string; amountCents: number; note: string | null }[], now: Date) {
  for (const c of costs)
    await tx
      .insert(serviceCosts)
      .values({ orgId, ...c, updatedAt: now })
      .onConflictDoUpdate({
        target: [serviceCosts.orgId, serviceCosts.month],
        set: { amountCents: c.amountCents, note: c.note, updatedAt: now },
      });
}

/** An account's MRR change points (its MRR chart). */
export async function accountMrrSeries(db: Db, orgId: string, accountId: string) {
  return db
    .select()
    .from(mrrChanges)
    .where(and(eq(mrrChanges.orgId, orgId), eq(mrrChanges.accountId, accountId)))
    .orderBy(mrrChanges.effectiveDate);
}

/** Accounts with any MRR history whose currency is one of these (rebuilt when a rate changes): every account, for now. */
export async function accountIdsWithMrr(db: Db, orgId: string): Promise<string[]> {
  const rows = await db.selectDistinct({ accountId: mrrChanges.accountId }).from(mrrChanges).where(eq(mrrChanges.orgId, orgId));
  return rows.map((r) => r.accountId);
}

export async function reportingCurrencyOf(db: Db, orgId: string): Promise<string> {
  const [row] = await db.select({ c: organisations.reportingCurrency }).from(organisations).where(eq(organisations.id, orgId));
  return row?.c ?? 'EUR';
}

/** Names for the keys of a grouped series (markets, owners and plans by id; editions and segments are their own). */
export async function groupLabels(db: Db, orgId: string, groupBy: TGroupKey, keys: string[]): Promise<Map<string, string>> {
  if (!keys.length || groupBy === 'edition' || groupBy === 'segment') return new Map(keys.map((k) => [k, k]));
  const table = groupBy === 'market' ? markets : groupBy === 'owner' ? users : plans;
  const rows = await db
    .select({ id: table.id, name: table.name })
    .from(table)
    .where(and(eq(table.orgId, orgId), inArray(table.id, keys)));
  return new Map(rows.map((r) => [r.id, r.name]));
}
