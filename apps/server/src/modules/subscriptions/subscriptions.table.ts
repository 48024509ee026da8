import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/accounts.table.ts';
import { users } from '../identity/identity.table.ts';
import { organisations } from '../organisations/organisations.table.ts';
import { plans } from '../plans/plans.table.ts';

/**
 * A subscription of an account: what it buys, in one currency and billing interval, over terms.
 * The truth is its effective-dated change log (subscription_changes); the line versions are replayed from it
 * (subscriptions.timeline.ts) after every change, so a back-dated change rewrites every later version.
 * Tenancy: org_id leads the primary key and every foreign key.
 */
export const subscriptions = pgTable(
  'subscriptions',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    accountId: uuid('account_id').notNull(),
    /** A human reference shown in lists ("SUB-0042"), unique in the organisation. */
    reference: text('reference').notNull(),
    currency: text('currency').notNull(),
    /** Months in the billing interval: 1, 3, 12, 24 or 36. */
    intervalMonths: integer('interval_months').notNull(),
    /** The current term (last day included); the renewal process opens before its end. */
    termStart: date('term_start', { mode: 'string' }).notNull(),
    termEnd: date('term_end', { mode: 'string' }),
    autoRenew: boolean('auto_renew').notNull().default(true),
    noticeDays: integer('notice_days').notNull().default(30),
    trialEnd: date('trial_end', { mode: 'string' }),
    /** Derived by the replay: trial | active | cancelling | ended. */
    status: text('status').notNull(),
    /** Derived: the last day paid for, when the subscription ends (cancelled, or not renewing). */
    endsOn: date('ends_on', { mode: 'string' }),
    /** Derived: the MRR today, in the subscription's currency, in cents. */
    mrrCents: bigint('mrr_cents', { mode: 'number' }).notNull().default(0),
    /** The key an import matched this subscription on, so re-importing a file changes nothing. */
    externalId: text('external_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }).onDelete('cascade'),
    uniqueIndex('subscriptions_org_reference_uq').on(t.orgId, t.reference),
    uniqueIndex('subscriptions_org_external_id_uq').on(t.orgId, t.externalId),
    index('subscriptions_org_account_idx').on(t.orgId, t.accountId),
    index('subscriptions_org_term_end_idx').on(t.orgId, t.termEnd),
  ],
);

/** The editable list of reasons a customer gives for cancelling ("Too expensive", "Lost to a competitor"). */
export const cancelReasons = pgTable(
  'cancel_reasons',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull(),
    label: text('label').notNull(),
    /** A reason that asks which competitor ("Lost to a competitor"): the change names it, reports group by it. */
    asksCompetitor: boolean('asks_competitor').notNull().default(false),
    sortOrder: integer('sort_order').notNull().default(0),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('cancel_reasons_org_label_uq').on(t.orgId, sql`lower(${t.label})`)],
);

/**
 * One effective-dated change: start, upgrade, downgrade, add-on, quantity, price, discount added/removed,
 * cancel request, cancel withdrawn, reactivation, renewal, end. `payload` holds the operation (zod
 * ZChangePayload); `mrr_before_cents`/`mrr_after_cents` are the subscription's MRR around it, written by
 * the replay.
 */
export const subscriptionChanges = pgTable(
  'subscription_changes',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    subscriptionId: uuid('subscription_id').notNull(),
    accountId: uuid('account_id').notNull(),
    kind: text('kind').notNull(),
    effectiveDate: date('effective_date', { mode: 'string' }).notNull(),
    /** Order of changes on the same day: the order they were recorded in. */
    seq: bigint('seq', { mode: 'number' }).notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    reasonId: uuid('reason_id'),
    /** The competitor a cancellation was lost to (competitors module), when the reason asks for one. */
    competitorId: uuid('competitor_id'),
    comment: text('comment'),
    mrrBeforeCents: bigint('mrr_before_cents', { mode: 'number' }).notNull().default(0),
    mrrAfterCents: bigint('mrr_after_cents', { mode: 'number' }).notNull().default(0),
    /** ui | api | import | renewal */
    source: text('source').notNull(),
    importId: uuid('import_id'),
    /** The import's key for this change (idempotent re-imports). */
    externalId: text('external_id'),
    actorUserId: uuid('actor_user_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.subscriptionId], foreignColumns: [subscriptions.orgId, subscriptions.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.actorUserId], foreignColumns: [users.orgId, users.id] }),
    foreignKey({ columns: [t.orgId, t.reasonId], foreignColumns: [cancelReasons.orgId, cancelReasons.id] }),
    index('subscription_changes_org_sub_idx').on(t.orgId, t.subscriptionId, t.effectiveDate, t.seq),
    index('subscription_changes_org_account_idx').on(t.orgId, t.accountId, t.effectiveDate),
    index('subscription_changes_org_date_idx').on(t.orgId, t.effectiveDate, t.kind),
    uniqueIndex('subscription_changes_org_external_id_uq').on(t.orgId, t.externalId),
  ],
);

/**
 * What a subscription's lines were over time, replayed from its changes (never written otherwise).
 * `valid_to` is exclusive (null: still running). `mrr_cents` follows the house conventions (discounts
 * deducted, trial days at 0); the metrics module applies the organisation's own from the same columns.
 */
export const subscriptionLineVersions = pgTable(
  'subscription_line_versions',
  {
    orgId: uuid('org_id').notNull(),
    subscriptionId: uuid('subscription_id').notNull(),
    accountId: uuid('account_id').notNull(),
    /** Stable across a line's versions (an upgrade keeps the key and changes the plan). */
    lineKey: text('line_key').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    planId: uuid('plan_id'),
    description: text('description').notNull(),
    quantity: numeric('quantity', { precision: 14, scale: 2 }).notNull(),
    /** Per unit and billing interval, major units. */
    unitPrice: numeric('unit_price', { precision: 14, scale: 2 }).notNull(),
    currency: text('currency').notNull(),
    intervalMonths: integer('interval_months').notNull(),
    /** A lasting or until-a-date discount in force in this version (0–100). One-time discounts never appear. */
    discountPercent: numeric('discount_percent', { precision: 5, scale: 2 }).notNull().default('0'),
    /** Days of trial: no MRR. */
    trial: boolean('trial').notNull().default(false),
    /** The line's plan is free (METRICS.md: not a paying customer). */
    free: boolean('free').notNull().default(false),
    mrrCents: bigint('mrr_cents', { mode: 'number' }).notNull(),
    /** Without the discount (the "ignore discounts" convention). */
    mrrUndiscountedCents: bigint('mrr_undiscounted_cents', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.subscriptionId, t.lineKey, t.validFrom] }),
    foreignKey({ columns: [t.orgId, t.subscriptionId], foreignColumns: [subscriptions.orgId, subscriptions.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.planId], foreignColumns: [plans.orgId, plans.id] }),
    index('subscription_line_versions_org_account_idx').on(t.orgId, t.accountId, t.validFrom),
    index('subscription_line_versions_org_plan_idx').on(t.orgId, t.planId),
  ],
);

/**
 * Every term of a subscription (subscriptions.terms.ts), replayed from its changes like the line versions and
 * never written otherwise: the renewals report reads which terms ended when and what followed them. An
 * auto-renewing term is rolled up to the day of the replay; the nightly refresh replays one whose term ended.
 */
export const subscriptionTerms = pgTable(
  'subscription_terms',
  {
    orgId: uuid('org_id').notNull(),
    subscriptionId: uuid('subscription_id').notNull(),
    /** 1, 2, … in the subscription's order. */
    termNo: integer('term_no').notNull(),
    accountId: uuid('account_id').notNull(),
    currency: text('currency').notNull(),
    termStart: date('term_start', { mode: 'string' }).notNull(),
    /** The last day included; null while the term runs without an end. */
    lastDay: date('last_day', { mode: 'string' }),
    /** Opened by an auto-renewing term rolling over, not by a change. */
    rolled: boolean('rolled').notNull().default(false),
    /** The subscription's MRR on the term's first and last day (house conventions, its own currency). */
    startMrrCents: bigint('start_mrr_cents', { mode: 'number' }).notNull(),
    endMrrCents: bigint('end_mrr_cents', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.subscriptionId, t.termNo] }),
    foreignKey({ columns: [t.orgId, t.subscriptionId], foreignColumns: [subscriptions.orgId, subscriptions.id] }).onDelete('cascade'),
    index('subscription_terms_org_last_day_idx').on(t.orgId, t.lastDay),
    index('subscription_terms_org_account_start_idx').on(t.orgId, t.accountId, t.termStart),
  ],
);
