import { sql } from 'drizzle-orm';
import { foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/accounts.table.ts';
import { contacts } from '../contacts/contacts.table.ts';
import { users } from '../identity/identity.table.ts';

/**
 * One product support request of a customer: made by hand or by an e-mail to the organisation's inbound address.
 * An e-mail from a sender no contact or account domain matches has no account yet ("unmatched") until someone
 * assigns one. `number` is the organisation's running number shown to people (#1042, also in the reply subjects);
 * `token` is the secret in the reply-to address (`<slug>+<token>@<inbound domain>`) that threads answers back.
 * The SLA due times are stored with the request (from the organisation's targets for its priority), so the inbox
 * filters and sorts on them; they are set again when the priority or the targets change.
 * Tenancy: org_id leads the primary key and every foreign key.
 */
export const supportRequests = pgTable(
  'support_requests',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    number: integer('number').notNull(),
    token: text('token').notNull(),
    subject: text('subject').notNull(),
    /** new | open | waiting | solved | closed */
    status: text('status').notNull().default('new'),
    /** low | normal | high | urgent */
    priority: text('priority').notNull().default('normal'),
    /** email | manual */
    channel: text('channel').notNull(),
    /** Null while unmatched. */
    accountId: uuid('account_id'),
    contactId: uuid('contact_id'),
    requesterEmail: text('requester_email'),
    requesterName: text('requester_name'),
    assigneeUserId: uuid('assignee_user_id'),
    createdByUserId: uuid('created_by_user_id'),
    firstResponseDueAt: timestamp('first_response_due_at', { withTimezone: true }).notNull(),
    resolutionDueAt: timestamp('resolution_due_at', { withTimezone: true }).notNull(),
    firstRespondedAt: timestamp('first_responded_at', { withTimezone: true }),
    solvedAt: timestamp('solved_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }).onDelete('set null'),
    foreignKey({ columns: [t.orgId, t.assigneeUserId], foreignColumns: [users.orgId, users.id] }),
    foreignKey({ columns: [t.orgId, t.createdByUserId], foreignColumns: [users.orgId, users.id] }),
    uniqueIndex('support_requests_org_number_uq').on(t.orgId, t.number),
    uniqueIndex('support_requests_org_token_uq').on(t.orgId, t.token),
    index('support_requests_org_account_idx').on(t.orgId, t.accountId, t.createdAt),
    // The inbox: what is not solved or closed, by due time.
    index('support_requests_org_open_idx').on(t.orgId, t.resolutionDueAt).where(sql`${t.status} in ('new', 'open', 'waiting')`),
  ],
);

/**
 * One message of a request's conversation: an e-mail in (from the customer), a reply out (sent through the outbox,
 * `outbox_id`), or an internal note. `message_id` is the e-mail's Message-ID, unique per organisation, so a mail
 * delivered twice is stored once and an answer's In-Reply-To/References find their request.
 */
export const supportMessages = pgTable(
  'support_messages',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    requestId: uuid('request_id').notNull(),
    /** inbound | outbound | note */
    direction: text('direction').notNull(),
    fromAddress: text('from_address'),
    fromName: text('from_name'),
    toAddress: text('to_address'),
    authorUserId: uuid('author_user_id'),
    body: text('body').notNull(),
    messageId: text('message_id'),
    outboxId: uuid('outbox_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.requestId], foreignColumns: [supportRequests.orgId, supportRequests.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.authorUserId], foreignColumns: [users.orgId, users.id] }),
    index('support_messages_org_request_idx').on(t.orgId, t.requestId, t.createdAt),
    uniqueIndex('support_messages_org_message_id_uq').on(t.orgId, t.messageId),
  ],
);

/** Minutes to the first response and to the resolution, per priority. */
export type TSlaTargets = Record<'low' | 'normal' | 'high' | 'urgent', { firstResponseMinutes: number; resolutionMinutes: number }>;

/** The organisation's SLA targets (defaults in support.sla.ts while it has no row) and its request counter. */
export const supportSettings = pgTable('support_settings', {
  orgId: uuid('org_id').notNull().primaryKey(),
  targets: jsonb('targets').$type<TSlaTargets>(),
  /** The last request number given out (a row lock makes numbers unique without retries). */
  lastNumber: integer('last_number').notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
