import { and, asc, count, desc, eq, getTableColumns, ilike, inArray, lte, max, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { containsPattern } from '../../platform/db/like.ts';
import { contacts } from '../contacts/index.ts';
import { users } from '../identity/index.ts';
import type { TTimelineFilter, TTimelineQuery } from './timeline.schemas.ts';
import { interactions } from './timeline.table.ts';

/** Queries only: no HTTP, no access checks. Every function takes a db or a transaction and the organisation. */

export type TInteractionRow = typeof interactions.$inferSelect & {
  authorName: string | null;
  contactFirstName: string | null;
  contactLastName: string | null;
};
export type TNewInteraction = Omit<typeof interactions.$inferInsert, 'orgId'>;

// The author's and the contact's names come along, so a page needs no second query.
const withNames = (db: Db) =>
  db
    .select({
      ...getTableColumns(interactions),
      authorName: users.name,
      contactFirstName: contacts.firstName,
      contactLastName: contacts.lastName,
    })
    .from(interactions)
    .leftJoin(users, and(eq(users.orgId, interactions.orgId), eq(users.id, interactions.authorUserId)))
    .leftJoin(contacts, and(eq(contacts.orgId, interactions.orgId), eq(contacts.id, interactions.contactId)));

const whereOf = (orgId: string, accountId: string, q: TTimelineFilter, createdUntil?: Date) =>
  and(
    eq(interactions.orgId, orgId),
    eq(interactions.accountId, accountId),
    q.kind?.length ? inArray(interactions.kind, q.kind) : undefined,
    q.q ? or(ilike(interactions.subject, containsPattern(q.q)), ilike(interactions.body, containsPattern(q.q))) : undefined,
    createdUntil ? lte(interactions.createdAt, createdUntil) : undefined,
  );

const orderOf = (q: TTimelineFilter) =>
  q.order === 'asc' ? [asc(interactions.occurredAt), desc(interactions.id)] : [desc(interactions.occurredAt), desc(interactions.id)];

export async function listInteractions(db: Db, orgId: string, accountId: string, q: TTimelineQuery) {
  const where = whereOf(orgId, accountId, q);
  const [rows, [total]] = await Promise.all([
    withNames(db)
      .where(where)
      .orderBy(...orderOf(q))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(interactions).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** When the newest matching interaction was logged (null when none matches): an export stops there. */
export async function findLatestCreatedAt(db: Db, orgId: string, accountId: string, q: TTimelineFilter): Promise<Date | null> {
  const [last] = await db
    .select({ at: max(interactions.createdAt) })
    .from(interactions)
    .where(whereOf(orgId, accountId, q));
  return last?.at ?? null;
}

/** One slice of the matching interactions logged until `createdUntil`, in the timeline's order. */
export async function pageInteractions(
  db: Db,
  orgId: string,
  accountId: string,
  q: TTimelineFilter,
  page: { createdUntil: Date; limit: number; offset: number },
): Promise<TInteractionRow[]> {
  return withNames(db)
    .where(whereOf(orgId, accountId, q, page.createdUntil))
    .orderBy(...orderOf(q))
    .limit(page.limit)
    .offset(page.offset);
}

export async function findInteractionById(db: Db, orgId: string, id: string): Promise<TInteractionRow | null> {
  const [row] = await withNames(db).where(and(eq(interactions.orgId, orgId), eq(interactions.id, id)));
  return row ?? null;
}

export async function insertInteraction(db: Db, orgId: string, values: TNewInteraction): Promise<void> {
  await db.insert(interactions).values({ ...values, orgId });
}

/** Several interactions in one statement (the demo's conversations with one customer). */
export async function insertInteractions(db: Db, orgId: string, rows: TNewInteraction[]): Promise<void> {
  if (rows.length) await db.insert(interactions).values(rows.map((r) => ({ ...r, orgId })));
}

/** Written once per source record: a redelivered or replayed entry updates the one already there. */
export async function upsertSystemEntry(db: Db, orgId: string, values: TNewInteraction & { sourceRef: string }): Promise<void> {
  await db
    .insert(interactions)
    .values({ ...values, orgId })
    .onConflictDoUpdate({
      target: [interactions.orgId, interactions.sourceRef],
      set: { subject: values.subject, data: values.data, occurredAt: values.occurredAt },
    });
}

/** Several system entries in one statement per thousand (an import's history); each upserted like upsertSystemEntry. */
export async function upsertSystemEntries(db: Db, orgId: string, rows: (TNewInteraction & { sourceRef: string })[]): Promise<void> {
  // Set-based from one JSON document per 5,000 entries (a daily run may record thousands: binding every value of a
  // multi-row VALUES costs more than the insert).
  for (let i = 0; i < rows.length; i += 5000) {
    const doc = rows.slice(i, i + 5000).map((r) => ({
      id: r.id,
      account_id: r.accountId,
      contact_id: r.contactId ?? null,
      kind: r.kind,
      direction: r.direction ?? null,
      subject: r.subject,
      body: r.body ?? '',
      duration_minutes: r.durationMinutes ?? null,
      occurred_at: r.occurredAt,
      author_user_id: r.authorUserId ?? null,
      source: r.source ?? 'manual',
      data: r.data ?? null,
      source_ref: r.sourceRef,
      created_at: r.createdAt,
    }));
    await db.execute(sql`
      insert into interactions (org_id, id, account_id, contact_id, kind, direction, subject, body, duration_minutes, occurred_at,
        author_user_id, source, data, source_ref, created_at)
      select ${orgId}::uuid, r.id, r.account_id, r.contact_id, r.kind, r.direction, r.subject, r.body, r.duration_minutes, r.occurred_at,
        r.author_user_id, r.source, r.data, r.source_ref, r.created_at
      from jsonb_to_recordset(${JSON.stringify(doc)}::jsonb) as r(id uuid, account_id uuid, contact_id uuid, kind text, direction text,
        subject text, body text, duration_minutes int, occurred_at timestamptz, author_user_id uuid, source text, data jsonb,
        source_ref text, created_at timestamptz)
      on conflict (org_id, source_ref) do update set subject = excluded.subject, data = excluded.data, occurred_at = excluded.occurred_at`);
  }
}

export async function deleteInteraction(db: Db, orgId: string, id: string): Promise<void> {
  await db.delete(interactions).where(and(eq(interactions.orgId, orgId), eq(interactions.id, id)));
}
