import { sql } from 'drizzle-orm';
import { foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../identity/identity.table.ts';

/**
 * A person's in-app notification (the bell in the web header): written by another module in the transaction of
 * what caused it, once per `source_key` (a redelivered cause notifies nobody twice). `kind` and `data` are what
 * the web renders in the reader's language; `link` is the page it opens.
 */
export const notifications = pgTable(
  'notifications',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    userId: uuid('user_id').notNull(),
    /** e.g. renewal_reminder */
    kind: text('kind').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    /** English wording, for the API and logs. */
    subject: text('subject').notNull(),
    link: text('link'),
    sourceKey: text('source_key').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }).onDelete('cascade'),
    uniqueIndex('notifications_org_source_key_uq').on(t.orgId, t.sourceKey),
    index('notifications_org_user_created_idx').on(t.orgId, t.userId, t.createdAt),
    index('notifications_org_user_unread_idx').on(t.orgId, t.userId).where(sql`${t.readAt} is null`),
  ],
);
