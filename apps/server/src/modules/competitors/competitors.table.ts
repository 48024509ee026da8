import { sql } from 'drizzle-orm';
import { date, foreignKey, index, integer, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/accounts.table.ts';
import { users } from '../identity/identity.table.ts';
import { organisations } from '../organisations/organisations.table.ts';
import { plans } from '../plans/plans.table.ts';

/**
 * The competition: who else sells what we sell, their plans and list prices (each mapped to our comparable
 * plan), and which accounts use or evaluate them. Subscriptions name a competitor on a cancellation
 * ("lost to competitor X") by its id.
 * Tenancy: org_id leads the primary key and every foreign key.
 */
export const competitors = pgTable(
  'competitors',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    website: text('website'),
    notes: text('notes'),
    /** Archived instead of deleted while accounts are linked to it (history keeps its name). */
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('competitors_org_name_uq').on(t.orgId, sql`lower(${t.name})`)],
);

/** One plan a competitor sells, mapped to the plan of ours a customer would compare it with. */
export const competitorPlans = pgTable(
  'competitor_plans',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    competitorId: uuid('competitor_id').notNull(),
    name: text('name').notNull(),
    comparablePlanId: uuid('comparable_plan_id'),
    notes: text('notes'),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.competitorId], foreignColumns: [competitors.orgId, competitors.id] }).onDelete('cascade'),
    // No action on delete: a plan a competitor's plan is compared with is archived instead of deleted (plans'
    // DELETE falls back to archiving when something refers to the plan); SET NULL would clear org_id as well.
    foreignKey({ columns: [t.orgId, t.comparablePlanId], foreignColumns: [plans.orgId, plans.id] }),
    index('competitor_plans_org_competitor_idx').on(t.orgId, t.competitorId),
  ],
);

/** A competitor plan's list price per currency and billing interval, per unit, in major units. */
export const competitorPlanPrices = pgTable(
  'competitor_plan_prices',
  {
    orgId: uuid('org_id').notNull(),
    competitorPlanId: uuid('competitor_plan_id').notNull(),
    currency: text('currency').notNull(),
    intervalMonths: integer('interval_months').notNull(),
    amount: numeric('amount', { precision: 14, scale: 2 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.competitorPlanId, t.currency, t.intervalMonths] }),
    foreignKey({ columns: [t.orgId, t.competitorPlanId], foreignColumns: [competitorPlans.orgId, competitorPlans.id] }).onDelete('cascade'),
  ],
);

/** An account's relation to a competitor: uses | evaluating | lost_to | won_from, since a date. */
export const accountCompetitors = pgTable(
  'account_competitors',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    accountId: uuid('account_id').notNull(),
    competitorId: uuid('competitor_id').notNull(),
    status: text('status').notNull(),
    since: date('since', { mode: 'string' }),
    note: text('note'),
    createdByUserId: uuid('created_by_user_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.competitorId], foreignColumns: [competitors.orgId, competitors.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.createdByUserId], foreignColumns: [users.orgId, users.id] }),
    uniqueIndex('account_competitors_org_account_competitor_uq').on(t.orgId, t.accountId, t.competitorId),
    index('account_competitors_org_competitor_idx').on(t.orgId, t.competitorId),
  ],
);
