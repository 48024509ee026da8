import { and, asc, eq, getTableColumns, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { accounts } from '../accounts/index.ts';
import { planPrices, plans } from '../plans/index.ts';
import { accountCompetitors, competitorPlanPrices, competitorPlans, competitors } from './competitors.table.ts';

/** Queries only: no HTTP, no access checks. Takes a db or a transaction; every query filters on org_id. */

const ACTIVE_LINKS = `('uses','evaluating')`;
const selection = {
  id: competitors.id,
  name: competitors.name,
  website: competitors.website,
  notes: competitors.notes,
  archivedAt: competitors.archivedAt,
  createdAt: competitors.createdAt,
  updatedAt: competitors.updatedAt,
  planCount: sql<number>`(select count(*)::int from ${competitorPlans} cp where cp.org_id = "competitors"."org_id" and cp.competitor_id = "competitors"."id")`,
  accountCount: sql<number>`(select count(*)::int from ${accountCompetitors} ac where ac.org_id = "competitors"."org_id" and ac.competitor_id = "competitors"."id" and ac.status in ${sql.raw(ACTIVE_LINKS)})`,
};
export type TCompetitorRow = Awaited<ReturnType<typeof findCompetitorById>> & {};

export async function listCompetitorRows(db: Db, orgId: string, status: 'active' | 'archived' | 'all') {
  return db
    .select(selection)
    .from(competitors)
    .where(
      and(
        eq(competitors.orgId, orgId),
        status === 'archived' ? isNotNull(competitors.archivedAt) : status === 'all' ? undefined : isNull(competitors.archivedAt),
      ),
    )
    .orderBy(asc(sql`lower(${competitors.name})`));
}

export async function findCompetitorById(db: Db, orgId: string, id: string) {
  const [row] = await db
    .select(selection)
    .from(competitors)
    .where(and(eq(competitors.orgId, orgId), eq(competitors.id, id)));
  return row ?? null;
}

export async function findCompetitorIdByName(db: Db, orgId: string, name: string): Promise<string | null> {
  const [row] = await db
    .select({ id: competitors.id })
    .from(competitors)
    .where(and(eq(competitors.orgId, orgId), sql`lower(${competitors.name}) = lower(${name})`));
  return row?.id ?? null;
}

export async function competitorNames(db: Db, orgId: string, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({ id: competitors.id, name: competitors.name })
    .from(competitors)
    .where(and(eq(competitors.orgId, orgId), inArray(competitors.id, ids)));
}

export const insertCompetitor = (db: Db, row: typeof competitors.$inferInsert) => db.insert(competitors).values(row);
export const updateCompetitor = (db: Db, orgId: string, id: string, values: Partial<typeof competitors.$inferInsert>) =>
  db
    .update(competitors)
    .set(values)
    .where(and(eq(competitors.orgId, orgId), eq(competitors.id, id)));
export const deleteCompetitor = (db: Db, orgId: string, id: string) =>
  db.delete(competitors).where(and(eq(competitors.orgId, orgId), eq(competitors.id, id)));

export async function countLinks(db: Db, orgId: string, competitorId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(accountCompetitors)
    .where(and(eq(accountCompetitors.orgId, orgId), eq(accountCompetitors.competitorId, competitorId)));
  return row?.n ?? 0;
}

// ── Their plans and prices ───────────────────────────────────────────────────────────────────────────────
export async function competitorPlanRows(db: Db, orgId: string, where: { competitorId?: string; id?: string; all?: boolean }) {
  return db
    .select({
      ...getTableColumns(competitorPlans),
      competitorName: competitors.name,
      comparablePlanName: plans.name,
      comparablePlanCode: plans.code,
      comparablePlanTier: plans.tier,
    })
    .from(competitorPlans)
    .innerJoin(competitors, and(eq(competitors.orgId, competitorPlans.orgId), eq(competitors.id, competitorPlans.competitorId)))
    .leftJoin(plans, and(eq(plans.orgId, competitorPlans.orgId), eq(plans.id, competitorPlans.comparablePlanId)))
    .where(
      and(
        eq(competitorPlans.orgId, orgId),
        where.competitorId ? eq(competitorPlans.competitorId, where.competitorId) : undefined,
        where.id ? eq(competitorPlans.id, where.id) : undefined,
        where.all ? isNull(competitors.archivedAt) : undefined,
      ),
    )
    .orderBy(asc(competitorPlans.sortOrder), asc(sql`lower(${competitorPlans.name})`));
}

export async function competitorPriceRows(db: Db, orgId: string, competitorPlanIds: string[]) {
  if (!competitorPlanIds.length) return [];
  const rows = await db
    .select()
    .from(competitorPlanPrices)
    .where(and(eq(competitorPlanPrices.orgId, orgId), inArray(competitorPlanPrices.competitorPlanId, competitorPlanIds)))
    .orderBy(asc(competitorPlanPrices.currency), asc(competitorPlanPrices.intervalMonths));
  return rows.map((r) => ({ ...r, amount: Number(r.amount) }));
}

/** Our list prices of these plans (the plans module's table, read to put them beside theirs). */
export async function ourPriceRows(db: Db, orgId: string, planIds: string[]) {
  if (!planIds.length) return [];
  const rows = await db
    .select()
    .from(planPrices)
    .where(and(eq(planPrices.orgId, orgId), inArray(planPrices.planId, planIds)));
  return rows.map((r) => ({ ...r, amount: Number(r.amount) }));
}

export async function planExists(db: Db, orgId: string, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: plans.id })
    .from(plans)
    .where(and(eq(plans.orgId, orgId), eq(plans.id, id)));
  return Boolean(row);
}

export const insertCompetitorPlan = (db: Db, row: typeof competitorPlans.$inferInsert) => db.insert(competitorPlans).values(row);
export const updateCompetitorPlan = (db: Db, orgId: string, id: string, values: Partial<typeof competitorPlans.$inferInsert>) =>
  db
    .update(competitorPlans)
    .set(values)
    .where(and(eq(competitorPlans.orgId, orgId), eq(competitorPlans.id, id)));
export const deleteCompetitorPlan = (db: Db, orgId: string, id: string) =>
  db.delete(competitorPlans).where(and(eq(competitorPlans.orgId, orgId), eq(competitorPlans.id, id)));

export async function replaceCompetitorPrices(
  db: Db,
  orgId: string,
  competitorPlanId: string,
  prices: { currency: string; intervalMonths: number; amount: number }[],
) {
  await db
    .delete(competitorPlanPrices)
    .where(and(eq(competitorPlanPrices.orgId, orgId), eq(competitorPlanPrices.competitorPlanId, competitorPlanId)));
  if (prices.length)
    await db.insert(competitorPlanPrices).values(
      prices.map((p) => ({
        orgId,
        competitorPlanId,
        currency: p.currency,
        intervalMonths: p.intervalMonths,
        amount: p.amount.toFixed(2),
      })),
    );
}

// ── Accounts and competitors ─────────────────────────────────────────────────────────────────────────────
const linkSelection = {
  ...getTableColumns(accountCompetitors),
  accountName: accounts.name,
  accountOwnerUserId: accounts.ownerUserId,
  competitorName: competitors.name,
};

export async function linkRows(
  db: Db,
  orgId: string,
  where: { accountId?: string; competitorId?: string; id?: string; ownerUserId?: string | null; statuses?: string[] },
) {
  return db
    .select(linkSelection)
    .from(accountCompetitors)
    .innerJoin(accounts, and(eq(accounts.orgId, accountCompetitors.orgId), eq(accounts.id, accountCompetitors.accountId)))
    .innerJoin(competitors, and(eq(competitors.orgId, accountCompetitors.orgId), eq(competitors.id, accountCompetitors.competitorId)))
    .where(
      and(
        eq(accountCompetitors.orgId, orgId),
        where.accountId ? eq(accountCompetitors.accountId, where.accountId) : undefined,
        where.competitorId ? eq(accountCompetitors.competitorId, where.competitorId) : undefined,
        where.id ? eq(accountCompetitors.id, where.id) : undefined,
        where.ownerUserId ? eq(accounts.ownerUserId, where.ownerUserId) : undefined,
        where.statuses?.length ? inArray(accountCompetitors.status, where.statuses) : undefined,
      ),
    )
    .orderBy(asc(sql`lower(${competitors.name})`), asc(sql`lower(${accounts.name})`));
}
export type TLinkRow = Awaited<ReturnType<typeof linkRows>>[number];

export async function findLinkId(db: Db, orgId: string, accountId: string, competitorId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: accountCompetitors.id })
    .from(accountCompetitors)
    .where(
      and(
        eq(accountCompetitors.orgId, orgId),
        eq(accountCompetitors.accountId, accountId),
        eq(accountCompetitors.competitorId, competitorId),
      ),
    );
  return row?.id ?? null;
}

export const insertLink = (db: Db, row: typeof accountCompetitors.$inferInsert) => db.insert(accountCompetitors).values(row);
export const updateLink = (db: Db, orgId: string, id: string, values: Partial<typeof accountCompetitors.$inferInsert>) =>
  db
    .update(accountCompetitors)
    .set(values)
    .where(and(eq(accountCompetitors.orgId, orgId), eq(accountCompetitors.id, id)));
export const deleteLink = (db: Db, orgId: string, id: string) =>
  db.delete(accountCompetitors).where(and(eq(accountCompetitors.orgId, orgId), eq(accountCompetitors.id, id)));
