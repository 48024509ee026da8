import { aliasedTable, and, asc, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { acrossOrganisations } from '../../platform/db/tenancy.ts';
import { accounts } from '../accounts/index.ts';
import { users } from '../identity/index.ts';
import { journeyChecklistItems, journeyLogEntries, journeyMilestones, journeys } from './journeys.table.ts';

/** An account's journeys, their milestones, checklists and logs: queries only, every one on its organisation. */

export type TJourneyRow = typeof journeys.$inferSelect;
const completer = aliasedTable(users, 'completer');
const owner = aliasedTable(users, 'owner');

export async function findJourney(db: Db, orgId: string, id: string) {
  const [row] = await db
    .select({ journey: journeys, accountName: accounts.name })
    .from(journeys)
    .innerJoin(accounts, and(eq(accounts.orgId, journeys.orgId), eq(accounts.id, journeys.accountId)))
    .where(and(eq(journeys.orgId, orgId), eq(journeys.id, id)));
  return row ?? null;
}

/** An account's journeys, the newest first. */
export async function journeysOfAccount(db: Db, orgId: string, accountId: string): Promise<TJourneyRow[]> {
  return db
    .select()
    .from(journeys)
    .where(and(eq(journeys.orgId, orgId), eq(journeys.accountId, accountId)))
    .orderBy(desc(journeys.startedOn), desc(journeys.createdAt));
}

/** The account's running journey, locked: a start replaces it, two starts at once wait for each other. */
export async function lockActiveJourney(db: Db, orgId: string, accountId: string): Promise<TJourneyRow | null> {
  const [row] = await db
    .select()
    .from(journeys)
    .where(and(eq(journeys.orgId, orgId), eq(journeys.accountId, accountId), eq(journeys.status, 'active')))
    .for('update');
  return row ?? null;
}

/** A new journey; none when its cause key started one before. */
export async function insertJourney(db: Db, values: typeof journeys.$inferInsert): Promise<boolean> {
  const rows = await db.insert(journeys).values(values).onConflictDoNothing().returning({ id: journeys.id });
  return rows.length > 0;
}

export async function causeKeyUsed(db: Db, orgId: string, causeKey: string): Promise<boolean> {
  const [row] = await db
    .select({ id: journeys.id })
    .from(journeys)
    .where(and(eq(journeys.orgId, orgId), eq(journeys.causeKey, causeKey)));
  return !!row;
}

export async function updateJourneyRow(db: Db, orgId: string, id: string, set: Partial<typeof journeys.$inferInsert>) {
  await db
    .update(journeys)
    .set(set)
    .where(and(eq(journeys.orgId, orgId), eq(journeys.id, id)));
}

export async function insertMilestones(db: Db, rows: (typeof journeyMilestones.$inferInsert)[]) {
  if (rows.length) await db.insert(journeyMilestones).values(rows);
}

export async function insertChecklistItems(db: Db, rows: (typeof journeyChecklistItems.$inferInsert)[]) {
  if (rows.length) await db.insert(journeyChecklistItems).values(rows);
}

export async function milestonesOf(db: Db, orgId: string, journeyId: string) {
  return db
    .select({ milestone: journeyMilestones, completedByName: completer.name })
    .from(journeyMilestones)
    .leftJoin(completer, and(eq(completer.orgId, journeyMilestones.orgId), eq(completer.id, journeyMilestones.completedByUserId)))
    .where(and(eq(journeyMilestones.orgId, orgId), eq(journeyMilestones.journeyId, journeyId)))
    .orderBy(asc(journeyMilestones.position));
}

export async function checklistOf(db: Db, orgId: string, journeyId: string) {
  return db
    .select({ item: journeyChecklistItems, doneByName: users.name })
    .from(journeyChecklistItems)
    .innerJoin(
      journeyMilestones,
      and(eq(journeyMilestones.orgId, journeyChecklistItems.orgId), eq(journeyMilestones.id, journeyChecklistItems.milestoneId)),
    )
    .leftJoin(users, and(eq(users.orgId, journeyChecklistItems.orgId), eq(users.id, journeyChecklistItems.doneByUserId)))
    .where(and(eq(journeyChecklistItems.orgId, orgId), eq(journeyMilestones.journeyId, journeyId)))
    .orderBy(asc(journeyChecklistItems.position));
}

export async function logsOf(db: Db, orgId: string, journeyId: string) {
  return db
    .select({ entry: journeyLogEntries, ownerName: owner.name })
    .from(journeyLogEntries)
    .innerJoin(
      journeyMilestones,
      and(eq(journeyMilestones.orgId, journeyLogEntries.orgId), eq(journeyMilestones.id, journeyLogEntries.milestoneId)),
    )
    .innerJoin(owner, and(eq(owner.orgId, journeyLogEntries.orgId), eq(owner.id, journeyLogEntries.ownerUserId)))
    .where(and(eq(journeyLogEntries.orgId, orgId), eq(journeyMilestones.journeyId, journeyId)))
    .orderBy(asc(journeyLogEntries.createdAt), asc(journeyLogEntries.id));
}

/** The journey (its id, account and status) a milestone, checklist item or log entry belongs to. */
const journeyOf = { journeyId: journeys.id, accountId: journeys.accountId, status: journeys.status };

export async function findMilestone(db: Db, orgId: string, id: string) {
  const [row] = await db
    .select({ ...journeyOf, milestone: journeyMilestones })
    .from(journeyMilestones)
    .innerJoin(journeys, and(eq(journeys.orgId, journeyMilestones.orgId), eq(journeys.id, journeyMilestones.journeyId)))
    .where(and(eq(journeyMilestones.orgId, orgId), eq(journeyMilestones.id, id)));
  return row ?? null;
}

export async function findChecklistItem(db: Db, orgId: string, id: string) {
  const [row] = await db
    .select({ ...journeyOf, item: journeyChecklistItems })
    .from(journeyChecklistItems)
    .innerJoin(
      journeyMilestones,
      and(eq(journeyMilestones.orgId, journeyChecklistItems.orgId), eq(journeyMilestones.id, journeyChecklistItems.milestoneId)),
    )
    .innerJoin(journeys, and(eq(journeys.orgId, journeyMilestones.orgId), eq(journeys.id, journeyMilestones.journeyId)))
    .where(and(eq(journeyChecklistItems.orgId, orgId), eq(journeyChecklistItems.id, id)));
  return row ?? null;
}

export async function findLogEntry(db: Db, orgId: string, id: string) {
  const [row] = await db
    .select({ ...journeyOf, entry: journeyLogEntries })
    .from(journeyLogEntries)
    .innerJoin(
      journeyMilestones,
      and(eq(journeyMilestones.orgId, journeyLogEntries.orgId), eq(journeyMilestones.id, journeyLogEntries.milestoneId)),
    )
    .innerJoin(journeys, and(eq(journeys.orgId, journeyMilestones.orgId), eq(journeys.id, journeyMilestones.journeyId)))
    .where(and(eq(journeyLogEntries.orgId, orgId), eq(journeyLogEntries.id, id)));
  return row ?? null;
}

export async function updateMilestoneRow(db: Db, orgId: string, id: string, set: Partial<typeof journeyMilestones.$inferInsert>) {
  await db
    .update(journeyMilestones)
    .set(set)
    .where(and(eq(journeyMilestones.orgId, orgId), eq(journeyMilestones.id, id)));
}

export async function updateChecklistItemRow(db: Db, orgId: string, id: string, set: Partial<typeof journeyChecklistItems.$inferInsert>) {
  await db
    .update(journeyChecklistItems)
    .set(set)
    .where(and(eq(journeyChecklistItems.orgId, orgId), eq(journeyChecklistItems.id, id)));
}

export async function insertLogEntry(db: Db, values: typeof journeyLogEntries.$inferInsert) {
  await db.insert(journeyLogEntries).values(values);
}

export async function updateLogEntryRow(db: Db, orgId: string, id: string, set: Partial<typeof journeyLogEntries.$inferInsert>) {
  await db
    .update(journeyLogEntries)
    .set(set)
    .where(and(eq(journeyLogEntries.orgId, orgId), eq(journeyLogEntries.id, id)));
}

export async function openMilestoneCount(db: Db, orgId: string, journeyId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(journeyMilestones)
    .where(and(eq(journeyMilestones.orgId, orgId), eq(journeyMilestones.journeyId, journeyId), isNull(journeyMilestones.completedAt)));
  return Number(row?.n ?? 0);
}

/**
 * Marks the running journeys' open milestones due before today late, once: only rows not marked yet are updated
 * and returned, so a second run (or a second worker waiting on the same rows) finds nothing to announce.
 */
export async function markLateMilestones(db: Db, orgId: string, today: string, now: Date) {
  const running = db
    .select({ id: journeys.id })
    .from(journeys)
    .where(and(eq(journeys.orgId, orgId), eq(journeys.status, 'active')));
  return db
    .update(journeyMilestones)
    .set({ lateAt: now })
    .where(
      and(
        eq(journeyMilestones.orgId, orgId),
        isNull(journeyMilestones.completedAt),
        isNull(journeyMilestones.lateAt),
        lt(journeyMilestones.dueOn, today),
        inArray(journeyMilestones.journeyId, running),
      ),
    )
    .returning({
      id: journeyMilestones.id,
      journeyId: journeyMilestones.journeyId,
      key: journeyMilestones.key,
      name: journeyMilestones.name,
      dueOn: journeyMilestones.dueOn,
      responsibleRole: journeyMilestones.responsibleRole,
    });
}

export async function accountsOfJourneys(db: Db, orgId: string, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({ id: journeys.id, accountId: journeys.accountId })
    .from(journeys)
    .where(and(eq(journeys.orgId, orgId), inArray(journeys.id, ids)));
}

/** The organisations with a milestone to mark late today (the daily job walks them one at a time). */
export async function organisationsWithLateMilestones(db: Db, today: string): Promise<string[]> {
  return acrossOrganisations('the daily late-milestone job walks every organisation with a milestone past due', async () => {
    const rows = await db
      .selectDistinct({ orgId: journeyMilestones.orgId })
      .from(journeyMilestones)
      .where(and(isNull(journeyMilestones.completedAt), isNull(journeyMilestones.lateAt), lt(journeyMilestones.dueOn, today)))
      .orderBy(asc(journeyMilestones.orgId));
    return rows.map((r) => r.orgId);
  });
}

/** Whether the person is active in the organisation (a log entry's owner). */
export async function activeUserExists(db: Db, orgId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, userId), isNull(users.disabledAt)));
  return !!row;
}
