import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/accounts.table.ts';
import { contacts } from '../contacts/contacts.table.ts';
import { users } from '../identity/identity.table.ts';
import { subscriptions } from '../subscriptions/subscriptions.table.ts';

/**
 * One renewal to win: a subscription term that ends, opened by the daily job N days before its renewal date
 * (the day after the term's last day). Exactly one per subscription term (`(org, subscription, term_no)` unique),
 * so the job may run twice, or on two instances at once, and open it once. Owned by the account's owner (CSM)
 * when it opened; moves through the stages to a close (renewed, downgraded, churned).
 * Tenancy: org_id leads the primary key and every foreign key.
 */
export const renewalOpportunities = pgTable(
  'renewal_opportunities',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    accountId: uuid('account_id').notNull(),
    subscriptionId: uuid('subscription_id').notNull(),
    termNo: integer('term_no').notNull(),
    /** The term's currency: target and forecast are in it. */
    currency: text('currency').notNull(),
    termLastDay: date('term_last_day', { mode: 'string' }).notNull(),
    /** The renewal date: the day after the term's last day. */
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    openedOn: date('opened_on', { mode: 'string' }).notNull(),
    ownerUserId: uuid('owner_user_id'),
    /** upcoming | contacted | negotiating | quote_sent | quote_accepted | renewed | downgraded | churned */
    stage: text('stage').notNull().default('upcoming'),
    /** renew | upsell | downgrade | churn_risk */
    category: text('category').notNull().default('renew'),
    /** The term's ARR on its last day (MRR × 12), cents of `currency`. */
    targetCents: bigint('target_cents', { mode: 'number' }).notNull(),
    forecastCents: bigint('forecast_cents', { mode: 'number' }).notNull(),
    /** 0–100, from the account's health score (refreshed daily while open); null when the account has no score. */
    likelihood: integer('likelihood'),
    riskReasons: jsonb('risk_reasons').$type<string[]>().notNull().default([]),
    closeReason: text('close_reason'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** The latest quote's status, recorded by a quotes module (recordQuoteOutcome). */
    quoteStatus: text('quote_status'),
    notes: text('notes'),
    stageChangedAt: timestamp('stage_changed_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.subscriptionId], foreignColumns: [subscriptions.orgId, subscriptions.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.ownerUserId], foreignColumns: [users.orgId, users.id] }),
    uniqueIndex('renewal_opportunities_org_term_uq').on(t.orgId, t.subscriptionId, t.termNo),
    index('renewal_opportunities_org_account_idx').on(t.orgId, t.accountId, t.dueOn),
    // The pipeline: open renewals by due day.
    index('renewal_opportunities_org_open_due_idx').on(t.orgId, t.dueOn).where(sql`${t.closedAt} is null`),
  ],
);

/** An organisation's renewal settings: lead time (default, and per segment or edition) and reminder offsets. */
export const renewalSettings = pgTable('renewal_settings', {
  orgId: uuid('org_id').notNull().primaryKey(),
  leadDays: integer('lead_days').notNull().default(90),
  /** First match wins: `{ segment?, edition?, days }`. */
  leadDaysRules: jsonb('lead_days_rules')
    .$type<{ segment?: string | null; edition?: string | null; days: number }[]>()
    .notNull()
    .default([]),
  reminderOffsets: jsonb('reminder_offsets').$type<number[]>().notNull().default([120, 90, 60, 30, 7]),
  overdueReminder: boolean('overdue_reminder').notNull().default(true),
  /** Reminders to the account's billing and decision-maker contacts, and the confirmation when it renews: off until switched on. */
  customerEmails: boolean('customer_emails').notNull().default(false),
  customerReminderOffsets: jsonb('customer_reminder_offsets').$type<number[]>().notNull().default([60, 30]),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/**
 * Each reminder sent, once per subscription term and offset (`120`, …, `7`, `overdue`): the row is inserted in the
 * transaction that writes its e-mail to the outbox and its notification, so two workers racing send it once.
 */
export const renewalReminders = pgTable(
  'renewal_reminders',
  {
    orgId: uuid('org_id').notNull(),
    subscriptionId: uuid('subscription_id').notNull(),
    termNo: integer('term_no').notNull(),
    reminder: text('reminder').notNull(),
    opportunityId: uuid('opportunity_id'),
    accountId: uuid('account_id').notNull(),
    /** Who was told: the owner; null when the account has none (nothing sent, the offset is spent). */
    userId: uuid('user_id'),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    sentOn: date('sent_on', { mode: 'string' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.subscriptionId, t.termNo, t.reminder] }),
    foreignKey({ columns: [t.orgId, t.subscriptionId], foreignColumns: [subscriptions.orgId, subscriptions.id] }).onDelete('cascade'),
  ],
);

/**
 * Each e-mail sent to a customer's contact about a renewal: a reminder (`60`, `30`, … days before) or the
 * `confirmation` when it renewed. Once per subscription term, contact and kind: the row is inserted in the
 * transaction that writes the e-mail to the outbox, so two workers racing send it once.
 */
export const renewalCustomerEmails = pgTable(
  'renewal_customer_emails',
  {
    orgId: uuid('org_id').notNull(),
    subscriptionId: uuid('subscription_id').notNull(),
    termNo: integer('term_no').notNull(),
    contactId: uuid('contact_id').notNull(),
    /** A reminder's offset in days ("60"), or "confirmation". */
    kind: text('kind').notNull(),
    accountId: uuid('account_id').notNull(),
    opportunityId: uuid('opportunity_id'),
    language: text('language').notNull(),
    sentOn: date('sent_on', { mode: 'string' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.subscriptionId, t.termNo, t.contactId, t.kind] }),
    foreignKey({ columns: [t.orgId, t.subscriptionId], foreignColumns: [subscriptions.orgId, subscriptions.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }).onDelete('cascade'),
  ],
);

/** An organisation's own wording of the customer e-mails, per kind (reminder, confirmation) and language; the built-in text otherwise. */
export const renewalEmailTemplates = pgTable(
  'renewal_email_templates',
  {
    orgId: uuid('org_id').notNull(),
    /** reminder | confirmation */
    kind: text('kind').notNull(),
    /** en | nl | da */
    language: text('language').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.kind, t.language] })],
);
