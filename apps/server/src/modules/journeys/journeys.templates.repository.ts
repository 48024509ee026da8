import { and, asc, count, desc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { containsPattern } from '../../platform/db/like.ts';
import { users } from '../identity/index.ts';
import { organisations } from '../organisations/index.ts';
import { journeys, journeyTemplates, journeyTemplateVersions } from './journeys.table.ts';
import type { TJourneyTemplateExportQuery } from './journeys.templates.schemas.ts';

/** The templates' queries: no HTTP, no access checks. Takes a db or a transaction; every query filters on org_id. */

export type TTemplateRow = typeof journeyTemplates.$inferSelect;
export type TTemplateVersionRow = typeof journeyTemplateVersions.$inferSelect;

// Named in full: in a one-table select drizzle leaves the table off its columns, and j's would be meant.
const activeCount = sql<number>`(select count(*)::int from ${journeys} j where j.org_id = "journey_templates"."org_id" and j.template_id = "journey_templates"."id" and j.status = 'active')`;

/** The list's filters: in use or archived, words in the name or description, a trigger. */
function listWhere(orgId: string, q: TJourneyTemplateExportQuery): SQL | undefined {
  const like = q.q ? containsPattern(q.q) : null;
  return and(
    eq(journeyTemplates.orgId, orgId),
    q.status === 'archived' ? sql`${journeyTemplates.archivedAt} is not null` : sql`${journeyTemplates.archivedAt} is null`,
    q.trigger ? sql`${q.trigger} = any(${journeyTemplates.triggers})` : undefined,
    like ? or(ilike(journeyTemplates.name, like), ilike(journeyTemplates.description, like)) : undefined,
  );
}

// The current version's milestones, counted and their last week, from the JSON as stored.
const milestoneCount = sql<number>`jsonb_array_length(${journeyTemplateVersions.milestones})`;
const weeks = sql<number>`coalesce((select max((m ->> 'week')::int) from jsonb_array_elements(${journeyTemplateVersions.milestones}) m), 0)`;

const SORTS = {
  name: sql`lower(${journeyTemplates.name})`,
  version: journeyTemplates.currentVersion,
  milestones: milestoneCount,
  weeks,
  activeJourneys: activeCount,
  updatedAt: journeyTemplates.updatedAt,
} as const;

const currentVersion = and(
  eq(journeyTemplateVersions.orgId, journeyTemplates.orgId),
  eq(journeyTemplateVersions.templateId, journeyTemplates.id),
  eq(journeyTemplateVersions.version, journeyTemplates.currentVersion),
);

/** One page of the templates (also the CSV export's batches), in the asked order, with their milestones' count, weeks and running journeys. */
export async function findTemplatesPage(db: Db, orgId: string, q: TJourneyTemplateExportQuery, page: { limit: number; offset: number }) {
  const dir = q.order === 'desc' ? desc : asc;
  return db
    .select({ template: journeyTemplates, milestoneCount, weeks, activeJourneys: activeCount })
    .from(journeyTemplates)
    .innerJoin(journeyTemplateVersions, currentVersion)
    .where(listWhere(orgId, q))
    .orderBy(dir(SORTS[q.sort]), asc(sql`lower(${journeyTemplates.name})`), asc(journeyTemplates.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countTemplates(db: Db, orgId: string, q: TJourneyTemplateExportQuery): Promise<number> {
  const [row] = await db.select({ n: count() }).from(journeyTemplates).where(listWhere(orgId, q));
  return row?.n ?? 0;
}

export async function findTemplate(db: Db, orgId: string, id: string) {
  const [row] = await db
    .select({ template: journeyTemplates, activeJourneys: activeCount })
    .from(journeyTemplates)
    .where(and(eq(journeyTemplates.orgId, orgId), eq(journeyTemplates.id, id)));
  return row ?? null;
}

/** The organisation's default language: the default journey is written in it. */
export async function organisationLanguage(db: Db, orgId: string): Promise<string | null> {
  const [row] = await db.select({ lang: organisations.defaultLanguage }).from(organisations).where(eq(organisations.id, orgId));
  return row?.lang ?? null;
}

export async function findDefaultTemplate(db: Db, orgId: string): Promise<TTemplateRow | null> {
  const [row] = await db
    .select()
    .from(journeyTemplates)
    .where(and(eq(journeyTemplates.orgId, orgId), eq(journeyTemplates.isDefault, true)));
  return row ?? null;
}

/** The templates that start by themselves on this cause. */
export async function templatesWithTrigger(db: Db, orgId: string, trigger: string): Promise<TTemplateRow[]> {
  return db
    .select()
    .from(journeyTemplates)
    .where(
      and(
        eq(journeyTemplates.orgId, orgId),
        sql`${journeyTemplates.archivedAt} is null`,
        sql`${trigger} = any(${journeyTemplates.triggers})`,
      ),
    )
    .orderBy(desc(journeyTemplates.isDefault), asc(journeyTemplates.createdAt));
}

export async function findTemplateVersion(db: Db, orgId: string, templateId: string, version: number) {
  const [row] = await db
    .select({ version: journeyTemplateVersions, createdByName: users.name })
    .from(journeyTemplateVersions)
    .leftJoin(users, and(eq(users.orgId, journeyTemplateVersions.orgId), eq(users.id, journeyTemplateVersions.createdByUserId)))
    .where(
      and(
        eq(journeyTemplateVersions.orgId, orgId),
        eq(journeyTemplateVersions.templateId, templateId),
        eq(journeyTemplateVersions.version, version),
      ),
    );
  return row ?? null;
}

/** A template's row; with `isDefault` and one already there, none (made by someone else at the same time). */
export async function insertTemplate(db: Db, values: typeof journeyTemplates.$inferInsert): Promise<boolean> {
  const rows = await db.insert(journeyTemplates).values(values).onConflictDoNothing().returning({ id: journeyTemplates.id });
  return rows.length > 0;
}

export async function insertTemplateVersion(db: Db, values: typeof journeyTemplateVersions.$inferInsert) {
  await db.insert(journeyTemplateVersions).values(values);
}

/** Locks the template while a new version is numbered. */
export async function lockTemplate(db: Db, orgId: string, id: string): Promise<TTemplateRow | null> {
  const [row] = await db
    .select()
    .from(journeyTemplates)
    .where(and(eq(journeyTemplates.orgId, orgId), eq(journeyTemplates.id, id)))
    .for('update');
  return row ?? null;
}

export async function updateTemplateRow(db: Db, orgId: string, id: string, set: Partial<typeof journeyTemplates.$inferInsert>) {
  await db
    .update(journeyTemplates)
    .set(set)
    .where(and(eq(journeyTemplates.orgId, orgId), eq(journeyTemplates.id, id)));
}

export async function templateNameTaken(db: Db, orgId: string, name: string, exceptId: string | null): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(journeyTemplates)
    .where(
      and(
        eq(journeyTemplates.orgId, orgId),
        sql`lower(${journeyTemplates.name}) = lower(${name})`,
        exceptId ? sql`${journeyTemplates.id} <> ${exceptId}` : undefined,
      ),
    );
  return (row?.n ?? 0) > 0;
}
