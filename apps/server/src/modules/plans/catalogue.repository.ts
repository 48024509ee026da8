import { and, asc, count, eq, getTableColumns, inArray, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { features, planFeatures, plans, products } from './plans.table.ts';

/**
 * The products and features of the catalogue: queries only, no HTTP, no access checks. Each function takes a
 * db or a transaction and the organisation explicitly, and every query filters on it.
 */

export type TProductRow = typeof products.$inferSelect & { planCount: number };
export type TFeatureRow = typeof features.$inferSelect & { planCount: number };
type TStatus = 'active' | 'archived' | 'all';

const statusWhere = (column: typeof products.archivedAt | typeof plans.archivedAt, status: TStatus): SQL | undefined =>
  status === 'archived' ? isNotNull(column) : status === 'all' ? undefined : isNull(column);

const productPlanCount = sql<number>`(select count(*)::int from ${plans} p where p.org_id = "products"."org_id" and p.product_id = "products"."id")`;

export async function listProductRows(db: Db, orgId: string, status: TStatus): Promise<TProductRow[]> {
  return db
    .select({ ...getTableColumns(products), planCount: productPlanCount })
    .from(products)
    .where(and(eq(products.orgId, orgId), statusWhere(products.archivedAt, status)))
    .orderBy(asc(products.sortOrder), asc(sql`lower(${products.name})`));
}

export async function findProductById(db: Db, orgId: string, id: string): Promise<TProductRow | null> {
  const [row] = await db
    .select({ ...getTableColumns(products), planCount: productPlanCount })
    .from(products)
    .where(and(eq(products.orgId, orgId), eq(products.id, id)));
  return row ?? null;
}

export async function findProductIdByName(db: Db, orgId: string, name: string): Promise<string | null> {
  const [row] = await db
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.orgId, orgId), sql`lower(${products.name}) = lower(${name})`));
  return row?.id ?? null;
}

export async function insertProduct(db: Db, row: typeof products.$inferInsert): Promise<void> {
  await db.insert(products).values(row);
}

export async function updateProduct(db: Db, orgId: string, id: string, values: Partial<typeof products.$inferInsert>): Promise<void> {
  await db
    .update(products)
    .set(values)
    .where(and(eq(products.orgId, orgId), eq(products.id, id)));
}

/**
 * Deletes a row unless something still refers to it (a subscription line refers to a plan, without cascade):
 * the delete runs in a savepoint and a foreign-key refusal rolls back only that. Returns whether it was deleted.
 */
export async function deleteUnlessReferenced(db: Db, remove: (sp: Db) => Promise<unknown>): Promise<boolean> {
  try {
    await db.transaction(async (sp) => {
      await remove(sp);
    });
    return true;
  } catch (error) {
    if (sqlState(error) === '23503') return false;
    throw error;
  }
}

function sqlState(error: unknown): string | undefined {
  let e = error as { code?: unknown; cause?: unknown } | null;
  for (let i = 0; i < 5 && e && typeof e === 'object'; i++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
}

export const deleteProduct = (db: Db, orgId: string, id: string) =>
  db.delete(products).where(and(eq(products.orgId, orgId), eq(products.id, id)));

// ── Features ─────────────────────────────────────────────────────────────────────────────────────────────
const featurePlanCount = sql<number>`(select count(*)::int from ${planFeatures} pf where pf.org_id = "features"."org_id" and pf.feature_id = "features"."id")`;

export async function listFeatureRows(db: Db, orgId: string): Promise<TFeatureRow[]> {
  return (
    db
      .select({ ...getTableColumns(features), planCount: featurePlanCount })
      .from(features)
      .where(eq(features.orgId, orgId))
      // The catalogue's own order: the comparison shows groups in the order of their first feature.
      .orderBy(asc(features.sortOrder), asc(sql`lower(${features.name})`))
  );
}

export async function findFeatureById(db: Db, orgId: string, id: string): Promise<TFeatureRow | null> {
  const [row] = await db
    .select({ ...getTableColumns(features), planCount: featurePlanCount })
    .from(features)
    .where(and(eq(features.orgId, orgId), eq(features.id, id)));
  return row ?? null;
}

export async function findFeatureIdByKey(db: Db, orgId: string, key: string): Promise<string | null> {
  const [row] = await db
    .select({ id: features.id })
    .from(features)
    .where(and(eq(features.orgId, orgId), eq(features.key, key)));
  return row?.id ?? null;
}

/** Which of these ids are features of the organisation. */
export async function existingFeatureIds(db: Db, orgId: string, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db
    .select({ id: features.id })
    .from(features)
    .where(and(eq(features.orgId, orgId), inArray(features.id, ids)));
  return new Set(rows.map((r) => r.id));
}

export async function insertFeature(db: Db, row: typeof features.$inferInsert): Promise<void> {
  await db.insert(features).values(row);
}

export async function updateFeature(db: Db, orgId: string, id: string, values: Partial<typeof features.$inferInsert>): Promise<void> {
  await db
    .update(features)
    .set(values)
    .where(and(eq(features.orgId, orgId), eq(features.id, id)));
}

export async function deleteFeature(db: Db, orgId: string, id: string): Promise<void> {
  await db.delete(features).where(and(eq(features.orgId, orgId), eq(features.id, id)));
}

export async function countProducts(db: Db, orgId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(products).where(eq(products.orgId, orgId));
  return row?.n ?? 0;
}
