import { and, asc, count, desc, eq, ilike, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { containsPattern } from '../../platform/db/like.ts';
import { users } from '../identity/index.ts';
import { journeyMilestones, journeys } from '../journeys/index.ts';
import { mrrChanges } from '../metrics/index.ts';
import { organisations } from '../organisations/index.ts';
import { renewalOpportunities } from '../renewal-opportunities/index.ts';
import { upsellCandidates } from '../upsell-candidates/index.ts';
import type { TCapacityPeopleExportQuery } from './capacity-plans.schemas.ts';
import { capacityPeople, capacitySettings } from './capacity-plans.table.ts';

/** Queries only: no HTTP, no access checks. Takes a db or a transaction; every query filters on org_id. */

export type TSettingsRow = typeof capacitySettings.$inferSelect;

export async function findSettings(db: Db, orgId: string): Promise<TSettingsRow | null> {
  const [row] = await db.select().from(capacitySettings).where(eq(capacitySettings.orgId, orgId));
  return row ?? null;
}

export async function upsertSettings(db: Db, values: typeof capacitySettings.$inferInsert) {
  const { orgId: _, ...set } = values;
  await db.insert(capacitySettings).values(values).onConflictDoUpdate({ target: capacitySettings.orgId, set });
}

/** A person of the team: their user's name and role beside their team and hours. */
const PERSON = {
  userId: capacityPeople.userId,
  name: users.name,
  role: users.role,
  team: capacityPeople.team,
  hoursPerWeek: capacityPeople.hoursPerWeek,
};
const PERSON_USER = and(eq(users.orgId, capacityPeople.orgId), eq(users.id, capacityPeople.userId));

/** The team's people with their hours, by name. */
export async function listPeople(db: Db, orgId: string) {
  return db
    .select(PERSON)
    .from(capacityPeople)
    .innerJoin(users, PERSON_USER)
    .where(eq(capacityPeople.orgId, orgId))
    .orderBy(asc(users.name));
}

const PEOPLE_SORTS = {
  name: sql`lower(${users.name})`,
  team: capacityPeople.team,
  hoursPerWeek: capacityPeople.hoursPerWeek,
} as const;

/** One page of the team's people (also the CSV export's batches): words of the name, the team, in the asked order. */
export async function findPeoplePage(db: Db, orgId: string, q: TCapacityPeopleExportQuery, page: { limit: number; offset: number }) {
  const where = and(
    eq(capacityPeople.orgId, orgId),
    q.team ? eq(capacityPeople.team, q.team) : undefined,
    q.q ? ilike(users.name, containsPattern(q.q)) : undefined,
  );
  const dir = q.order === 'desc' ? desc : asc;
  const [rows, [total]] = await Promise.all([
    db
      .select(PERSON)
      .from(capacityPeople)
      .innerJoin(users, PERSON_USER)
      .where(where)
      .orderBy(dir(PEOPLE_SORTS[q.sort]), asc(users.name), asc(capacityPeople.userId))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(capacityPeople).innerJoin(users, PERSON_USER).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function upsertPerson(db: Db, values: typeof capacityPeople.$inferInsert) {
  await db
    .insert(capacityPeople)
    .values(values)
    .onConflictDoUpdate({
      target: [capacityPeople.orgId, capacityPeople.userId],
      set: { team: values.team, hoursPerWeek: values.hoursPerWeek, updatedAt: values.updatedAt },
    });
}

export async function deletePerson(db: Db, orgId: string, userId: string) {
  const rows = await db
    .delete(capacityPeople)
    .where(and(eq(capacityPeople.orgId, orgId), eq(capacityPeople.userId, userId)))
    .returning({ userId: capacityPeople.userId });
  return rows.length > 0;
}

/** The open milestones of running journeys that start by `until`. */
export async function findOpenMilestones(db: Db, orgId: string, until: string) {
  return db
    .select({
      startsOn: journeyMilestones.startsOn,
      dueOn: journeyMilestones.dueOn,
      effort: journeyMilestones.effort,
      responsibleRole: journeyMilestones.responsibleRole,
    })
    .from(journeyMilestones)
    .innerJoin(journeys, and(eq(journeys.orgId, journeyMilestones.orgId), eq(journeys.id, journeyMilestones.journeyId)))
    .where(
      and(
        eq(journeyMilestones.orgId, orgId),
        eq(journeys.status, 'active'),
        isNull(journeyMilestones.completedAt),
        lte(journeyMilestones.startsOn, until),
      ),
    );
}

/** The due days of the open renewals whose work starts by `until` (due within 90 days after it). */
export async function findOpenRenewalDueDays(db: Db, orgId: string, until: string, openStages: readonly string[]) {
  const rows = await db
    .select({ dueOn: renewalOpportunities.dueOn })
    .from(renewalOpportunities)
    .where(
      and(
        eq(renewalOpportunities.orgId, orgId),
        inArray(renewalOpportunities.stage, [...openStages]),
        lte(renewalOpportunities.dueOn, sql`(${until}::date + 90)`),
      ),
    );
  return rows.map((r) => r.dueOn);
}

export async function countUpsellCandidates(db: Db, orgId: string) {
  const [row] = await db.select({ n: count() }).from(upsellCandidates).where(eq(upsellCandidates.orgId, orgId));
  return row?.n ?? 0;
}

/** Today's MRR of every customer, in cents of the reporting currency (each account's latest change up to today), and that currency. */
export async function findCurrentMrr(db: Db, orgId: string, today: string) {
  const latest = db
    .selectDistinctOn([mrrChanges.accountId], { mrr: mrrChanges.mrrAfterCents, active: mrrChanges.activeAfter })
    .from(mrrChanges)
    .where(and(eq(mrrChanges.orgId, orgId), lte(mrrChanges.effectiveDate, today)))
    .orderBy(mrrChanges.accountId, sql`${mrrChanges.effectiveDate} desc`)
    .as('latest');
  const [row] = await db
    .select({ cents: sql<number>`coalesce(sum(${latest.mrr}) filter (where ${latest.active}), 0)::float8` })
    .from(latest);
  const [org] = await db.select({ currency: organisations.reportingCurrency }).from(organisations).where(eq(organisations.id, orgId));
  return { mrrCents: row?.cents ?? 0, currency: org?.currency ?? 'EUR' };
}

export async function findUserName(db: Db, orgId: string, userId: string) {
  const [row] = await db
    .select({ name: users.name })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, userId)));
  return row?.name ?? null;
}
