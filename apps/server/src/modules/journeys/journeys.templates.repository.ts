import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { users } from '../identity/index.ts';
import { journeys, journeyTemplates, journeyTemplateVersions } from './journeys.table.ts';

/** The templates' queries: no HTTP, no access checks. Takes a db or a transaction; every query filters on org_id. */

export type TTemplateRow = typeof journeyTemplates.$inferSelect;
export type TTemplateVersionRow = typeof journeyTemplateVersions.$inferSelect;

// Named in full: in a one-table select drizzle leaves the table off its columns, and j's would be meant.
const activeCount = sql<number>`(select count(*)::int from ${journeys} j where j.org_id = "journey_templates"."org_id" and j.template_id = "journey_templates"."id" and j.status = 'active')`;

/** The organisation's templates in use (or the archived ones) with their current version's milestones and running journeys. */
export async function listTemplateRows(db: Db, orgId: string, archived = false) {
  return db
    .select({ template: journeyTemplates, milestones: journeyTemplateVersions.milestones, activeJourneys: activeCount })
    .from(journeyTemplates)
    .innerJoin(
      journeyTemplateVersions,
      and(
        eq(journeyTemplateVersions.orgId, journeyTemplates.orgId),
        eq(journeyTemplateVersions.templateId, journeyTemplates.id),
        eq(journeyTemplateVersions.version, journeyTemplates.currentVersion),
      ),
    )
    .where(
      and(
        eq(journeyTemplates.orgId, orgId),
        archived ? sql`${journeyTemplates.archivedAt} is not null` : sql`${journeyTemplates.archivedAt} is null`,
      ),
    )
    .orderBy(desc(journeyTemplates.isDefault), asc(sql`lower(${journeyTemplates.name})`));
}

export async function findTemplate(db: Db, orgId: string, id: string) {
  const [row] = await db
    .select({ template: journeyTemplates, activeJourneys: activeCount })
    .from(journeyTemplates)
    .where(and(eq(journeyTemplates.orgId, orgId), eq(journeyTemplates.id, id)));
  return row ?? null;
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
