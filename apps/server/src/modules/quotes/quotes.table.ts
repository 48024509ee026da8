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
import { contacts } from '../contacts/contacts.table.ts';
import { users } from '../identity/identity.table.ts';
import { renewalOpportunities } from '../renewal-opportunities/renewal-opportunities.table.ts';
import { subscriptions } from '../subscriptions/subscriptions.table.ts';

/**
 * A quote template: branding (company name, accent colour, logo) and text blocks in one language. Every organisation
 * gets the three defaults (en, nl, da) the first time quotes are used (`is_default`, one per language).
 */
export const quoteTemplates = pgTable(
  'quote_templates',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    /** en | nl | da */
    language: text('language').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    companyName: text('company_name').notNull(),
    accentColor: text('accent_color').notNull().default('#1c7ed6'),
    /** A data: URL of a PNG or JPEG (at most ~200 KB), drawn in the PDF's header. */
    logoDataUrl: text('logo_data_url'),
    introText: text('intro_text').notNull(),
    termsText: text('terms_text').notNull(),
    footerText: text('footer_text').notNull(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('quote_templates_org_default_uq').on(t.orgId, t.language).where(sql`${t.isDefault}`),
  ],
);

/**
 * A quote made from a renewal (kind `renewal`) or a win-back offer (kind `winback`). Money in integer minor units of
 * `currency` (the subscription's), tax-exclusive. The public link is `<token>` signed with `link_secret` (HMAC), valid
 * to `link_expires_at`; a new secret revokes every earlier link.
 */
export const quotes = pgTable(
  'quotes',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    number: integer('number').notNull(),
    kind: text('kind').notNull().default('renewal'),
    renewalId: uuid('renewal_id').notNull(),
    accountId: uuid('account_id').notNull(),
    subscriptionId: uuid('subscription_id').notNull(),
    contactId: uuid('contact_id'),
    templateId: uuid('template_id').notNull(),
    language: text('language').notNull(),
    currency: text('currency').notNull(),
    intervalMonths: integer('interval_months').notNull(),
    termStart: date('term_start', { mode: 'string' }).notNull(),
    termEnd: date('term_end', { mode: 'string' }).notNull(),
    validUntil: date('valid_until', { mode: 'string' }).notNull(),
    upliftPercent: numeric('uplift_percent', { mode: 'number' }).notNull().default(0),
    incentivePercent: numeric('incentive_percent', { mode: 'number' }).notNull().default(0),
    incentiveUntil: date('incentive_until', { mode: 'string' }),
    notes: text('notes'),
    /** draft | pending_approval | approved | rejected | sent | accepted | declined */
    status: text('status').notNull().default('draft'),
    approvalReasons: jsonb('approval_reasons').$type<string[]>().notNull().default([]),
    listTotalCents: bigint('list_total_cents', { mode: 'number' }).notNull().default(0),
    subtotalCents: bigint('subtotal_cents', { mode: 'number' }).notNull().default(0),
    totalCents: bigint('total_cents', { mode: 'number' }).notNull().default(0),
    decidedByUserId: uuid('decided_by_user_id'),
    decisionComment: text('decision_comment'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    sentTo: text('sent_to'),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedName: text('accepted_name'),
    acceptedIp: text('accepted_ip'),
    declinedAt: timestamp('declined_at', { withTimezone: true }),
    declineReason: text('decline_reason'),
    /** renewed | upgraded | downgraded: what the accepted quote did to the subscription. */
    outcome: text('outcome'),
    linkSecret: text('link_secret'),
    linkExpiresAt: timestamp('link_expires_at', { withTimezone: true }),
    createdByUserId: uuid('created_by_user_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('quotes_org_number_uq').on(t.orgId, t.number),
    foreignKey({ columns: [t.orgId, t.renewalId], foreignColumns: [renewalOpportunities.orgId, renewalOpportunities.id] }).onDelete(
      'cascade',
    ),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.subscriptionId], foreignColumns: [subscriptions.orgId, subscriptions.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }).onDelete('set null'),
    foreignKey({ columns: [t.orgId, t.templateId], foreignColumns: [quoteTemplates.orgId, quoteTemplates.id] }),
    foreignKey({ columns: [t.orgId, t.decidedByUserId], foreignColumns: [users.orgId, users.id] }),
    foreignKey({ columns: [t.orgId, t.createdByUserId], foreignColumns: [users.orgId, users.id] }),
    index('quotes_org_renewal_idx').on(t.orgId, t.renewalId),
    index('quotes_org_status_idx').on(t.orgId, t.status, t.createdAt),
  ],
);

/** A quote's lines, in order. Unit prices per billing interval; the line total is for the whole term. */
export const quoteLines = pgTable(
  'quote_lines',
  {
    orgId: uuid('org_id').notNull(),
    quoteId: uuid('quote_id').notNull(),
    position: integer('position').notNull(),
    /** renewal | upsell | cross_sell | custom */
    kind: text('kind').notNull(),
    planId: uuid('plan_id'),
    description: text('description').notNull(),
    quantity: integer('quantity').notNull(),
    unitPriceCents: bigint('unit_price_cents', { mode: 'number' }).notNull(),
    listPriceCents: bigint('list_price_cents', { mode: 'number' }),
    discountPercent: numeric('discount_percent', { mode: 'number' }).notNull().default(0),
    totalCents: bigint('total_cents', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.quoteId, t.position] }),
    foreignKey({ columns: [t.orgId, t.quoteId], foreignColumns: [quotes.orgId, quotes.id] }).onDelete('cascade'),
  ],
);

/** An organisation's quote rules: when a director must approve, how long a link lasts, the next number. */
export const quoteSettings = pgTable('quote_settings', {
  orgId: uuid('org_id').notNull().primaryKey(),
  maxDiscountPercent: numeric('max_discount_percent', { mode: 'number' }).notNull().default(10),
  approveBelowList: boolean('approve_below_list').notNull().default(true),
  linkValidDays: integer('link_valid_days').notNull().default(30),
  lastNumber: integer('last_number').notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
