import { foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/accounts.table.ts';
import { contacts } from '../contacts/contacts.table.ts';
import { users } from '../identity/identity.table.ts';

/** One entry on an account's timeline: a note, call, e-mail, meeting, chat or support request. */
export const interactions = pgTable(
  'interactions',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    accountId: uuid('account_id').notNull(),
    contactId: uuid('contact_id'),
    kind: text('kind').notNull(),
    direction: text('direction'),
    subject: text('subject').notNull(),
    body: text('body').notNull().default(''),
    durationMinutes: integer('duration_minutes'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    authorUserId: uuid('author_user_id'),
    /** Later modules (surveys, renewals, support sync) add entries; source names who wrote it. */
    source: text('source').notNull().default('manual'),
    /** For entries other modules write (a subscription change …): what the web renders in the reader's language. */
    data: jsonb('data').$type<Record<string, unknown>>(),
    /** The record an entry stands for (e.g. "subscription_change:<id>"), so it is written once. */
    sourceRef: text('source_ref'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }).onDelete('set null'),
    foreignKey({ columns: [t.orgId, t.authorUserId], foreignColumns: [users.orgId, users.id] }),
    index('interactions_org_account_time_idx').on(t.orgId, t.accountId, t.occurredAt),
    uniqueIndex('interactions_org_source_ref_uq').on(t.orgId, t.sourceRef),
  ],
);
