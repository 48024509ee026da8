import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import type { TNotificationsQuery } from './notifications.schemas.ts';
import { notifications } from './notifications.table.ts';

/** Queries only: no HTTP, no access checks. Every query filters on org_id and the person. */

export type TNotificationRow = typeof notifications.$inferSelect;

const mine = (orgId: string, userId: string) => and(eq(notifications.orgId, orgId), eq(notifications.userId, userId));

export async function findNotificationsPage(db: Db, orgId: string, userId: string, q: TNotificationsQuery) {
  const where = and(mine(orgId, userId), q.unread === 'true' ? isNull(notifications.readAt) : undefined);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(where)
      .orderBy(q.order === 'asc' ? notifications.createdAt : desc(notifications.createdAt), desc(notifications.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(notifications).where(where),
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
  // In chunks: one statement's parameters stay well under PostgreSQL's 65,535 (a first daily run may notify thousands).
  for (let i = 0; i < values.length; i += 1000) {
    const rows = await db
      .insert(notifications)
      .values(values.slice(i, i + 1000))
      .onConflictDoNothing()
      .returning({ id: notifications.id });
    inserted += rows.length;
  }
  return inserted;
}
