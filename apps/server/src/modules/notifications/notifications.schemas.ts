import { z } from 'zod';
import { ZPageQuery, zPage } from '../../platform/http/schemas.ts';

export const ZNotification = z.object({
  id: z.uuid(),
  kind: z.string().describe('What it is about, e.g. renewal_reminder; the web words it from kind and data'),
  data: z.record(z.string(), z.unknown()),
  subject: z.string().describe('In English'),
  link: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TNotification = z.infer<typeof ZNotification>;

export const ZNotificationsQuery = ZPageQuery.extend({
  unread: z.enum(['true', 'false']).optional().describe('true: only the unread'),
  state: z.enum(['unread', 'read']).optional().describe('Only the unread, or only those already read'),
  sort: z.enum(['createdAt']).default('createdAt').describe('By the date they came'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type TNotificationsQuery = z.infer<typeof ZNotificationsQuery>;
/** The list's filters and order, for the CSV export. */
export const ZNotificationsFilter = ZNotificationsQuery.omit({ page: true, pageSize: true });
export type TNotificationsFilter = z.infer<typeof ZNotificationsFilter>;
export const ZNotificationsPage = zPage(ZNotification).extend({ unread: z.int() });

export const ZUnreadCount = z.object({ unread: z.int() });

/** Strict: unknown fields are a 400 naming the field. Without ids: every unread one. */
export const ZMarkReadRequest = z.strictObject({ ids: z.array(z.uuid()).min(1).max(500).optional() });
export type TMarkRead = z.infer<typeof ZMarkReadRequest>;
export const ZMarkReadResult = z.object({ updated: z.int() });
