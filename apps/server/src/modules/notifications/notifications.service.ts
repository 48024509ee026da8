import { type Actor, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { inBatches } from '../../platform/http/csv.ts';
import { newId } from '../../platform/ids.ts';
import {
  countUnread,
  findNotificationsPage,
  insertNotifications,
  markRead,
  pageNotifications,
  type TNotificationRow,
} from './notifications.repository.ts';
import type { TMarkRead, TNotification, TNotificationsFilter, TNotificationsQuery } from './notifications.schemas.ts';

export function toNotificationDto(r: TNotificationRow): TNotification {
  return {
    id: r.id,
    kind: r.kind,
    data: r.data,
    subject: r.subject,
    link: r.link,
    readAt: r.readAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

/** What another module hands `notify`: one person, once per `sourceKey`. */
export interface TNewNotification {
  userId: string;
  kind: string;
  data: Record<string, unknown>;
  subject: string;
  link?: string | null;
  sourceKey: string;
}

export type NotificationService = ReturnType<typeof createNotificationService>;

/** Each person reads and marks their own notifications only; other modules write them in their own transaction. */
export function createNotificationService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  return {
    async list(actor: Actor, q: TNotificationsQuery) {
      requirePermission(actor, 'notification:read');
      const [{ rows, total }, unread] = await Promise.all([
        findNotificationsPage(db, actor.orgId, actor.userId, q),
        countUnread(db, actor.orgId, actor.userId),
      ]);
      return { items: rows.map(toNotificationDto), total, unread, page: q.page, pageSize: q.pageSize };
    },

    /** Every notification of the person matching the list's filters, in its order, in batches (the CSV export). */
    async *exportRows(actor: Actor, q: TNotificationsFilter) {
      requirePermission(actor, 'notification:read');
      requirePermission(actor, 'export:run');
      yield* inBatches(async (limit, offset) =>
        (await pageNotifications(db, actor.orgId, actor.userId, q, limit, offset)).map(toNotificationDto),
      );
    },

    async unreadCount(actor: Actor) {
      requirePermission(actor, 'notification:read');
      return { unread: await countUnread(db, actor.orgId, actor.userId) };
    },

    async markRead(actor: Actor, input: TMarkRead) {
      requirePermission(actor, 'notification:read');
      return { updated: await markRead(db, actor.orgId, actor.userId, input.ids, clock.now()) };
    },

    /** For other modules: notify people inside the caller's transaction, each source key once. Returns how many were new. */
    async notify(tx: Db, orgId: string, items: TNewNotification[]) {
      const now = clock.now();
      return insertNotifications(
        tx,
        items.map((n) => ({ ...n, link: n.link ?? null, orgId, id: newId(), createdAt: now })),
      );
    },
  };
}
