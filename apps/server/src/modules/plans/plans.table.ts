import { sql } from 'drizzle-orm';
import { boolean, foreignKey, index, integer, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations } from '../organisations/organisations.table.ts';

/**
 * The catalogue: what the organisation sells. A product is an edition line (Self-service, Professional,
 * Enterprise), an add-on (extra seats, an integration) or a service (Professional Services); a plan is one
 * sellable version of a product, priced per currency and billing interval (plan_prices), with a feature
 * list (plan_features) for the side-by-side comparison.
 * Tenancy: org_id leads the primary key and every foreign key, so the database itself refuses a row that
 * points into another organisation, and the tables can be distributed by org_id.
 */
export const products = pgTable(
  'products',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    /** edition | addon | service */
    kind: text('kind').notNull(),
    description: text('description'),
    sortOrder: integer('sort_order').notNull().default(0),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('products_org_name_uq').on(t.orgId, sql`lower(${t.name})`)],
);

export const plans = pgTable(
  'plans',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    productId: uuid('product_id').notNull(),
    name: text('name').notNull(),
    /** Short stable code used by imports and the API (e.g. "PRO-Y"); unique in the organisation. */
    code: text('code').notNull(),
    description: text('description'),
    /**
     * Position on the upgrade ladder: moving a line to a plan of a higher tier is an upgrade, to a lower
     * one a downgrade (equal tiers: decided by the MRR change).
     */
    tier: integer('tier').notNull().default(0),
    /** A free plan: its subscribers are not paying customers (METRICS.md). */
    isFree: boolean('is_free').notNull().default(false),
    /** Days of trial a new subscription to this plan starts with (0: none). */
    trialDays: integer('trial_days').notNull().default(0),
    /** The account edition a subscription to this plan stands for (accounts.edition), if any. */
    edition: text('edition'),
    /**
     * Users or licences one unit of the plan gives (Self-service: 3 users per account; an extra user: 1); null
     * when it gives none (a service). A subscription's units are the sum over its lines of quantity × this.
     */
    includedUnits: integer('included_units'),
    /** The most users or licences a subscription on this plan may hold (Self-service: up to 5); null: no limit. */
    maxUnits: integer('max_units'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.productId], foreignColumns: [products.orgId, products.id] }).onDelete('cascade'),
    uniqueIndex('plans_org_code_uq').on(t.orgId, sql`lower(${t.code})`),
    index('plans_org_product_idx').on(t.orgId, t.productId),
  ],
);

/** A plan's list price in one currency for one billing interval (the amount billed per interval). */
export const planPrices = pgTable(
  'plan_prices',
  {
    orgId: uuid('org_id').notNull(),
    planId: uuid('plan_id').notNull(),
    currency: text('currency').notNull(),
    /** Months in the billing interval: 1 monthly, 3 quarterly, 12 yearly, 24 or 36 multi-year. */
    intervalMonths: integer('interval_months').notNull(),
    /** Per unit (seat, licence) and per interval, in major units of the currency. */
    amount: numeric('amount', { precision: 14, scale: 2 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.planId, t.currency, t.intervalMonths] }),
    foreignKey({ columns: [t.orgId, t.planId], foreignColumns: [plans.orgId, plans.id] }).onDelete('cascade'),
  ],
);

/**
 * A capability that plans include or limit ("Workflows", "API access", "Users"). `key` is what product usage
 * events name (issue: adoption measures feature breadth against the plan's key features).
 */
export const features = pgTable(
  'features',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull(),
    key: text('key').notNull(),
    name: text('name').notNull(),
    /** Heading the comparison groups it under ("Automation", "Reporting"). */
    groupName: text('group_name'),
    description: text('description'),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('features_org_key_uq').on(t.orgId, t.key)],
);

/** What a plan offers of a feature: included, or a limit ("5 users", "10,000 contacts"). */
export const planFeatures = pgTable(
  'plan_features',
  {
    orgId: uuid('org_id').notNull(),
    planId: uuid('plan_id').notNull(),
    featureId: uuid('feature_id').notNull(),
    /** A numeric limit (null: unlimited when included). */
    limitValue: numeric('limit_value', { precision: 14, scale: 2 }),
    /** Free text shown instead of a tick ("Email only", "Business hours"). */
    note: text('note'),
    /** A key feature: one whose use counts for the plan's feature breadth. */
    isKey: boolean('is_key').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.planId, t.featureId] }),
    foreignKey({ columns: [t.orgId, t.planId], foreignColumns: [plans.orgId, plans.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.featureId], foreignColumns: [features.orgId, features.id] }).onDelete('cascade'),
  ],
);
