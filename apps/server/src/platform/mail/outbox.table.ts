import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { TMailAttachmentRef } from './attachments.ts';

/**
 * Transactional outbox: an e-mail is written in the same transaction as the change that causes it,
 * then delivered by the worker. Without SMTP settings it stays here, readable in Administration → Outbox.
 */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html'),
    template: text('template').notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    messageId: text('message_id').notNull(),
    /** Threading headers of a conversation's e-mail (support replies): where answers go, and what it answers. */
    replyTo: text('reply_to'),
    inReplyTo: text('in_reply_to'),
    references: text('references'),
    /** Extra headers a module sets (a nurture e-mail's List-Unsubscribe and List-Unsubscribe-Post). */
    headers: jsonb('headers').$type<Record<string, string>>(),
    /** Files the mail carries, by reference (a quote's PDF): rendered by their module at delivery, not stored here. */
    attachments: jsonb('attachments').$type<TMailAttachmentRef[]>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    // One organisation's due mail, oldest first (each delivery run works on one organisation).
    index('email_outbox_org_due_idx').on(t.orgId, t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index('email_outbox_org_created_idx').on(t.orgId, t.createdAt),
  ],
);
