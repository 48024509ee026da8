import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { planPrices, plans, products } from './plans.table.ts';

/** What other modules need to know of a plan. */
export interface TPlanInfo {
  id: string;
  code: string;
  name: string;
  productId: string;
  productName: string;
  productKind: 'edition' | 'addon' | 'service';
  tier: number;
  isFree: boolean;
  trialDays: number;
  edition: string | null;
  archived: boolean;
}

const select = (db: Db) =>
  db
    .select({
      id: plans.id,
      code: plans.code,
      name: plans.name,
      productId: plans.productId,
      productName: products.name,
      productKind: products.kind,
      tier: plans.tier,
      isFree: plans.isFree,
      trialDays: plans.trialDays,
      edition: plans.edition,
      archivedAt: plans.archivedAt,
    })
    .from(plans)
    .innerJoin(products, and(eq(products.orgId, plans.orgId), eq(products.id, plans.productId)));
const info = (r: Awaited<ReturnType<ReturnType<typeof select>['execute']>>[number]): TPlanInfo => ({
  ...r,
  productKind: r.productKind as TPlanInfo['productKind'],
  archived: r.archivedAt !== null,
});

/** The catalogue as other modules' services read it (no permission check). */
export function createPlanCatalogue(db: Db) {
  return {
    async lookup(orgId: string, planIds: string[], tx: Db = db): Promise<Map<string, TPlanInfo>> {
      if (!planIds.length) return new Map();
      const rows = await select(tx).where(and(eq(plans.orgId, orgId), inArray(plans.id, [...new Set(planIds)])));
      return new Map(rows.map((r) => [r.id, info(r)]));
    },
    async findByCode(orgId: string, code: string, tx: Db = db): Promise<TPlanInfo | null> {
      const [row] = await select(tx).where(and(eq(plans.orgId, orgId), sql`lower(${plans.code}) = lower(${code})`));
      return row ? info(row) : null;
    },
    async listPrice(orgId: string, planId: string, currency: string, intervalMonths: number, tx: Db = db): Promise<number | null> {
      const [row] = await tx
        .select({ amount: planPrices.amount })
        .from(planPrices)
        .where(
          and(
            eq(planPrices.orgId, orgId),
            eq(planPrices.planId, planId),
            eq(planPrices.currency, currency),
            eq(planPrices.intervalMonths, intervalMonths),
          ),
        );
      return row ? Number(row.amount) : null;
    },
  };
}
export type PlanCatalogue = ReturnType<typeof createPlanCatalogue>;
