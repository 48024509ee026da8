import { and, count, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import type { TNotificationsFilter, TNotificationsQuery } from './notifications.schemas.ts';
import { notifications } from './notifications.table.ts';

/** Queries only: no HTTP, no access checks. Every query filters on org_id and the person. */

export type TNotificationRow = typeof notifications.$inferSelect;

const mine = (orgId: string, userId: string) => and(eq(notifications.orgId, orgId), eq(notifications.userId, userId));

function filtered(orgId: string, userId: string, q: TNotificationsFilter) {
  const unread = q.unread === 'true' || q.state === 'unread';
  return and(mine(orgId, userId), unread ? isNull(notifications.readAt) : q.state === 'read' ? isNotNull(notifications.readAt) : undefined);
}

/** A page of the person's notifications in the list's order (newest first unless asked otherwise). */
export function pageNotifications(db: Db, orgId: string, userId: string, q: TNotificationsFilter, limit: number, offset: number) {
  return db
    .select()
    .from(notifications)
    .where(filtered(orgId, userId, q))
    .orderBy(q.order === 'asc' ? notifications.createdAt : desc(notifications.createdAt), desc(notifications.id))
    .limit(limit)
    .offset(offset);
}

export async function findNotificationsPage(db: Db, orgId: string, userId: string, q: TNotificationsQuery) {
  const [rows, [total]] = await Promise.all([
    pageNotifications(db, orgId, userId, q, q.pageSize, (q.page - 1) * q.pageSize),
    db
      .select({ n: count() })
      .from(notifications)
      .where(filtered(orgId, userId, q)),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function countUnread(db: Db, orgId: string, userId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(mine(orgId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export async function markRead(db: Db, orgId: string, userId: string, ids: string[] | undefined, at: Date) {
  const rows = await db
    .update(notifications)
    .set({ readAt: at })
    .where(and(mine(orgId, userId), isNull(notifications.readAt), ids ? inArray(notifications.id, ids) : undefined))
    .returning({ id: notifications.id });
  return rows.length;
}

/** Many at once; a source key already used writes nothing. Returns how many were new. */
export async function insertNotifications(db: Db, values: (typeof notifications.$inferInsert)[]) {
  let inserted = 0;
  // Set-based from one JSON document per organisation and 5,000 rows (a first daily run may notify thousands: binding
  // every value of a multi-row VALUES costs more than the insert).
  for (const orgId of new Set(values.map((v) => v.orgId))) {
    const mine = values.filter((v) => v.orgId === orgId);
    for (let i = 0; i < mine.length; i += 5000) {
      const doc = mine.slice(i, i + 5000).map((v) => ({
        id: v.id,
        user_id: v.userId,
        kind: v.kind,
        data: v.data,
        subject: v.subject,
        link: v.link ?? null,
        source_key: v.sourceKey,
        created_at: v.createdAt,
      }));
      const res = await db.execute(sql`
        insert into notifications (org_id, id, user_id, kind, data, subject, link, source_key, created_at)
        select ${orgId}::uuid, r.id, r.user_id, r.kind, r.data, r.subject, r.link, r.source_key, r.created_at
        from jsonb_to_recordset(${JSON.stringify(doc)}::jsonb) as r(id uuid, user_id uuid, kind text, data jsonb, subject text, link text,
          source_key text, created_at timestamptz)
        on conflict do nothing
        returning id`);
      inserted += (res as unknown as { rows: unknown[] }).rows.length;
    }
  }
  return inserted;
}
