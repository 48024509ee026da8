import { and, asc, count, desc, eq, getTableColumns, ilike, max, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { containsPattern } from '../../platform/db/like.ts';
import { accounts } from '../accounts/index.ts';
import type { TPlaybookRunsExportQuery, TPlaybooksExportQuery } from './playbooks.schemas.ts';
import { playbookRuns, playbooks } from './playbooks.table.ts';

/** Queries only: no HTTP, no access checks. Takes a db or a transaction; every query filters on org_id. */

export type TPlaybookRow = typeof playbooks.$inferSelect;
export type TPlaybookListRow = TPlaybookRow & { runs: number; lastFiredAt: Date | null };
export type TPlaybookRunRow = typeof playbookRuns.$inferSelect & { accountName: string };

/** Per playbook: how often it fired and when last (the run log's aggregate). */
const runStats = (orgId: string) =>
  sql`(select r.playbook_id, count(*)::int as runs, max(r.fired_at) as last_fired_at from playbook_runs r
    where r.org_id = ${orgId} group by r.playbook_id)`;

function listWhere(orgId: string, q: TPlaybooksExportQuery): SQL | undefined {
  const like = q.q ? containsPattern(q.q) : null;
  return and(
    eq(playbooks.orgId, orgId),
    q.trigger ? eq(playbooks.trigger, q.trigger) : undefined,
    q.enabled ? eq(playbooks.enabled, q.enabled === 'true') : undefined,
    like ? or(ilike(playbooks.name, like), ilike(playbooks.description, like)) : undefined,
  );
}

const SORTS = {
  name: sql`lower(${playbooks.name})`,
  trigger: playbooks.trigger,
  runs: sql`coalesce(stats.runs, 0)`,
  lastFiredAt: sql`stats.last_fired_at`,
  createdAt: playbooks.createdAt,
} as const;

/** One page of the list (also the CSV export's batches), in the asked order, with each playbook's run count. */
export async function findPlaybooksPage(db: Db, orgId: string, q: TPlaybooksExportQuery, page: { limit: number; offset: number }) {
  const dir = q.order === 'asc' ? asc : desc;
  const rows = await db
    .select({
      ...getTableColumns(playbooks),
      runs: sql<number>`coalesce(stats.runs, 0)`,
      lastFiredAt: sql<string | null>`stats.last_fired_at`,
    })
    .from(playbooks)
    .leftJoin(sql`${runStats(orgId)} stats`, sql`stats.playbook_id = ${playbooks.id}`)
    .where(listWhere(orgId, q))
    .orderBy(sql`${dir(SORTS[q.sort])} nulls last`, dir(playbooks.id))
    .limit(page.limit)
    .offset(page.offset);
  return rows.map((r) => ({ ...r, runs: Number(r.runs), lastFiredAt: r.lastFiredAt ? new Date(r.lastFiredAt) : null }));
}

export async function countPlaybooks(db: Db, orgId: string, q: TPlaybooksExportQuery): Promise<number> {
  const [row] = await db.select({ n: count() }).from(playbooks).where(listWhere(orgId, q));
  return row?.n ?? 0;
}

export async function findPlaybookById(db: Db, orgId: string, id: string): Promise<TPlaybookListRow | null> {
  const [row] = await db
    .select()
    .from(playbooks)
    .where(and(eq(playbooks.orgId, orgId), eq(playbooks.id, id)));
  if (!row) return null;
  const [stats] = await db
    .select({ runs: count(), last: max(playbookRuns.firedAt) })
    .from(playbookRuns)
    .where(and(eq(playbookRuns.orgId, orgId), eq(playbookRuns.playbookId, id)));
  return { ...row, runs: stats?.runs ?? 0, lastFiredAt: stats?.last ?? null };
}

/** A playbook's webhook signing secret (null: the playbook is gone). */
export async function findWebhookSecret(db: Db, orgId: string, id: string): Promise<string | null> {
  const [row] = await db
    .select({ secret: playbooks.webhookSecret })
    .from(playbooks)
    .where(and(eq(playbooks.orgId, orgId), eq(playbooks.id, id)));
  return row?.secret ?? null;
}

/** The switched-on playbooks of one trigger. */
export async function enabledPlaybooks(db: Db, orgId: string, triggers: readonly string[]): Promise<TPlaybookRow[]> {
  const rows = await db
    .select()
    .from(playbooks)
    .where(and(eq(playbooks.orgId, orgId), eq(playbooks.enabled, true)))
    .orderBy(asc(playbooks.createdAt), asc(playbooks.id));
  return rows.filter((r) => triggers.includes(r.trigger));
}

export async function hasPresets(db: Db, orgId: string): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(playbooks)
    .where(and(eq(playbooks.orgId, orgId), sql`${playbooks.preset} is not null`));
  return (row?.n ?? 0) > 0;
}

/** Inserts the rows, skipping a preset the organisation has already (another transaction was first). */
export async function insertPlaybooks(db: Db, rows: (typeof playbooks.$inferInsert)[]) {
  if (rows.length) await db.insert(playbooks).values(rows).onConflictDoNothing();
}

export async function updatePlaybookRow(db: Db, orgId: string, id: string, set: Partial<typeof playbooks.$inferInsert>) {
  await db
    .update(playbooks)
    .set(set)
    .where(and(eq(playbooks.orgId, orgId), eq(playbooks.id, id)));
}

export async function deletePlaybookRow(db: Db, orgId: string, id: string) {
  await db.delete(playbooks).where(and(eq(playbooks.orgId, orgId), eq(playbooks.id, id)));
}

function runsWhere(orgId: string, playbookId: string, q: TPlaybookRunsExportQuery): SQL | undefined {
  return and(
    eq(playbookRuns.orgId, orgId),
    eq(playbookRuns.playbookId, playbookId),
    q.q ? ilike(accounts.name, containsPattern(q.q)) : undefined,
    q.webhookStatus ? eq(playbookRuns.webhookStatus, q.webhookStatus) : undefined,
    q.firedFrom ? sql`${playbookRuns.firedAt} >= ${q.firedFrom}::date` : undefined,
    q.firedTo ? sql`${playbookRuns.firedAt} < ${q.firedTo}::date + 1` : undefined,
  );
}

const RUN_SORTS = { firedAt: playbookRuns.firedAt, account: sql`lower(${accounts.name})` } as const;

/** One page of a playbook's run log (also the CSV export's batches), filtered and in the asked order, with each account's name. */
export async function findRunsPage(
  db: Db,
  orgId: string,
  playbookId: string,
  q: TPlaybookRunsExportQuery,
  page: { limit: number; offset: number },
) {
  const dir = q.order === 'asc' ? asc : desc;
  return db
    .select({ ...getTableColumns(playbookRuns), accountName: accounts.name })
    .from(playbookRuns)
    .innerJoin(accounts, and(eq(accounts.orgId, playbookRuns.orgId), eq(accounts.id, playbookRuns.accountId)))
    .where(runsWhere(orgId, playbookId, q))
    .orderBy(dir(RUN_SORTS[q.sort]), dir(playbookRuns.firedAt), dir(playbookRuns.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countRuns(db: Db, orgId: string, playbookId: string, q: TPlaybookRunsExportQuery): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(playbookRuns)
    .innerJoin(accounts, and(eq(accounts.orgId, playbookRuns.orgId), eq(accounts.id, playbookRuns.accountId)))
    .where(runsWhere(orgId, playbookId, q));
  return row?.n ?? 0;
}

export async function setWebhookStatus(db: Db, orgId: string, runId: string, status: 'delivered' | 'failed') {
  await db
    .update(playbookRuns)
    .set({ webhookStatus: status })
    .where(and(eq(playbookRuns.orgId, orgId), eq(playbookRuns.id, runId)));
}

/** The demo's run log: runs with their own dates (history), skipped when logged already. */
export async function insertRunRows(db: Db, rows: (typeof playbookRuns.$inferInsert)[]) {
  if (rows.length) await db.insert(playbookRuns).values(rows).onConflictDoNothing();
}
