import { and, asc, count, desc, eq, getTableColumns, ilike, inArray, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { containsPattern } from '../../platform/db/like.ts';
import type { TPlanListQuery, TPlanPrice } from './plans.schemas.ts';
import { features, planFeatures, planPrices, plans, products } from './plans.table.ts';

/**
 * The plans, their prices and their feature lists: queries only, no HTTP, no access checks. Each function
 * takes a db or a transaction and the organisation explicitly, and every query filters on it.
 */

const selection = {
  ...getTableColumns(plans),
  productName: products.name,
  productKind: products.kind,
  featureCount: sql<number>`(select count(*)::int from ${planFeatures} pf where pf.org_id = "plans"."org_id" and pf.plan_id = "plans"."id")`,
};
export type TPlanRow = typeof plans.$inferSelect & { productName: string; productKind: string; featureCount: number };

const baseSelect = (db: Db) =>
  db
    .select(selection)
    .from(plans)
    .innerJoin(products, and(eq(products.orgId, plans.orgId), eq(products.id, plans.productId)));

export function planListWhere(orgId: string, q: Partial<TPlanListQuery>): SQL | undefined {
  return and(
    eq(plans.orgId, orgId),
    q.status === 'archived' ? isNotNull(plans.archivedAt) : q.status === 'all' ? undefined : isNull(plans.archivedAt),
    q.q ? or(ilike(plans.name, containsPattern(q.q)), ilike(plans.code, containsPattern(q.q))) : undefined,
    q.productId?.length ? inArray(plans.productId, q.productId) : undefined,
    q.kind?.length ? inArray(products.kind, q.kind) : undefined,
  );
}

const SORTS = {
  name: sql`lower(${plans.name})`,
  code: sql`lower(${plans.code})`,
  tier: plans.tier,
  product: sql`lower(${products.name})`,
  createdAt: plans.createdAt,
  updatedAt: plans.updatedAt,
} as const;

export async function listPlanRows(db: Db, where: SQL | undefined, q: Pick<TPlanListQuery, 'sort' | 'order' | 'page' | 'pageSize'>) {
  const dir = q.order === 'desc' ? desc : asc;
  const [rows, [total]] = await Promise.all([
    baseSelect(db)
      .where(where)
      .orderBy(dir(SORTS[q.sort]), asc(products.sortOrder), asc(sql`lower(${plans.name})`), asc(plans.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: count() })
      .from(plans)
      .innerJoin(products, and(eq(products.orgId, plans.orgId), eq(products.id, plans.productId)))
      .where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** Every matching plan (the catalogue is small: hundreds at most), for the CSV export and the comparison. */
export async function allPlanRows(db: Db, where: SQL | undefined): Promise<TPlanRow[]> {
  return baseSelect(db)
    .where(where)
    .orderBy(asc(products.sortOrder), asc(sql`lower(${products.name})`), asc(plans.tier), asc(sql`lower(${plans.name})`));
}

export async function findPlanRowById(db: Db, orgId: string, id: string): Promise<TPlanRow | null> {
  const [row] = await baseSelect(db).where(and(eq(plans.orgId, orgId), eq(plans.id, id)));
  return row ?? null;
}

export async function findPlanRowsByIds(db: Db, orgId: string, ids: string[]): Promise<TPlanRow[]> {
  if (!ids.length) return [];
  return baseSelect(db).where(and(eq(plans.orgId, orgId), inArray(plans.id, ids)));
}

/** Case-insensitive, as the unique index is. */
export async function findPlanRowByCode(db: Db, orgId: string, code: string): Promise<TPlanRow | null> {
  const [row] = await baseSelect(db).where(and(eq(plans.orgId, orgId), sql`lower(${plans.code}) = lower(${code})`));
  return row ?? null;
}

export async function insertPlan(db: Db, row: typeof plans.$inferInsert): Promise<void> {
  await db.insert(plans).values(row);
}

export async function updatePlan(db: Db, orgId: string, id: string, values: Partial<typeof plans.$inferInsert>): Promise<void> {
  await db
    .update(plans)
    .set(values)
    .where(and(eq(plans.orgId, orgId), eq(plans.id, id)));
}

export const deletePlan = (db: Db, orgId: string, id: string) => db.delete(plans).where(and(eq(plans.orgId, orgId), eq(plans.id, id)));

// ── Prices ───────────────────────────────────────────────────────────────────────────────────────────────
export async function pricesOfPlans(db: Db, orgId: string, planIds: string[]) {
  if (!planIds.length) return [];
  const rows = await db
    .select()
    .from(planPrices)
    .where(and(eq(planPrices.orgId, orgId), inArray(planPrices.planId, planIds)))
    .orderBy(asc(planPrices.currency), asc(planPrices.intervalMonths));
  return rows.map((r) => ({ planId: r.planId, currency: r.currency, intervalMonths: r.intervalMonths, amount: Number(r.amount) }));
}

export async function replacePrices(db: Db, orgId: string, planId: string, prices: TPlanPrice[]): Promise<void> {
  await db.delete(planPrices).where(and(eq(planPrices.orgId, orgId), eq(planPrices.planId, planId)));
  if (prices.length)
    await db
      .insert(planPrices)
      .values(prices.map((p) => ({ orgId, planId, currency: p.currency, intervalMonths: p.intervalMonths, amount: p.amount.toFixed(2) })));
}

export async function findListPrice(
  db: Db,
  orgId: string,
  planId: string,
  currency: string,
  intervalMonths: number,
): Promise<number | null> {
  const [row] = await db
    .select({ amount: planPrices.amount })
    .from(planPrices)
    .where(
      and(
        eq(planPrices.orgId, orgId),
        eq(planPrices.planId, planId),
        eq(planPrices.currency, currency.toUpperCase()),
        eq(planPrices.intervalMonths, intervalMonths),
      ),
    );
  return row ? Number(row.amount) : null;
}

// ── Feature lists ────────────────────────────────────────────────────────────────────────────────────────
export async function featuresOfPlans(db: Db, orgId: string, planIds: string[]) {
  if (!planIds.length) return [];
  const rows = await db
    .select({
      planId: planFeatures.planId,
      featureId: planFeatures.featureId,
      key: features.key,
      name: features.name,
      groupName: features.groupName,
      limitValue: planFeatures.limitValue,
      note: planFeatures.note,
      isKey: planFeatures.isKey,
    })
    .from(planFeatures)
    .innerJoin(features, and(eq(features.orgId, planFeatures.orgId), eq(features.id, planFeatures.featureId)))
    .where(and(eq(planFeatures.orgId, orgId), inArray(planFeatures.planId, planIds)))
    .orderBy(asc(features.sortOrder), asc(sql`lower(${features.name})`));
  return rows.map((r) => ({ ...r, limitValue: r.limitValue === null ? null : Number(r.limitValue) }));
}

export async function replacePlanFeatures(
  db: Db,
  orgId: string,
  planId: string,
  items: { featureId: string; limitValue?: number | null; note?: string | null; isKey?: boolean }[],
): Promise<void> {
  await db.delete(planFeatures).where(and(eq(planFeatures.orgId, orgId), eq(planFeatures.planId, planId)));
  if (items.length)
    await db.insert(planFeatures).values(
      items.map((f) => ({
        orgId,
        planId,
        featureId: f.featureId,
        limitValue: f.limitValue === null || f.limitValue === undefined ? null : String(f.limitValue),
        note: f.note || null,
        isKey: f.isKey ?? false,
      })),
    );
}
