import { bigint, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/accounts.table.ts';
import { organisations } from '../organisations/organisations.table.ts';

/** A reason as stored (upsell-candidates.rules.ts TUpsellReason: the code with its figures). */
export interface TStoredReason {
  code: string;
  planId: string | null;
  units: number | null;
  maxUnits: number | null;
  percent: number | null;
  increases: number | null;
}

/**
 * An account whose plan and subscriptions suggest an upsell today, with its reasons: what the nightly
 * recompute (upsell-candidates.jobs.ts) found last. A row exists while the account is a candidate; it is
 * written and removed only by the recompute, which publishes `upsell.candidate_identified` and
 * `upsell.candidate_cleared` for the transitions. Derived: the recompute rebuilds it from the catalogue and
 * the subscriptions at any time.
 * Tenancy: org_id leads the primary key and every foreign key. The plan ids have no foreign key: a derived row
 * must not keep a plan from being deleted (the recompute drops what no longer exists; names are looked up).
 */
export const upsellCandidates = pgTable(
  'upsell_candidates',
  {
    orgId: uuid('org_id').notNull(),
    accountId: uuid('account_id').notNull(),
    /** The reasons' codes, for filtering (`&&`); `reasons` holds them with their figures. */
    reasonCodes: text('reason_codes').array().notNull(),
    reasons: jsonb('reasons').$type<TStoredReason[]>().notNull(),
    /** The account's edition plan (its highest tier today), or the plan whose limit it reached. */
    planId: uuid('plan_id'),
    /** The next plan up the ladder (plans.tier) of the same product, if any. */
    nextPlanId: uuid('next_plan_id'),
    /** What the move to the next plan adds per month at list prices, in cents of `currency`. */
    mrrDifferenceCents: bigint('mrr_difference_cents', { mode: 'number' }),
    currency: text('currency'),
    /** The highest share of a plan's user limit reached (percent), when the plan has a limit. */
    limitPercent: integer('limit_percent'),
    /** When the account became a candidate (kept while it stays one). */
    since: timestamp('since', { withTimezone: true }).notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.accountId] }),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }).onDelete('cascade'),
    index('upsell_candidates_org_since_idx').on(t.orgId, t.since),
  ],
);

/** The organisation's upsell settings (one row, absent until changed: the defaults apply). */
export const upsellSettings = pgTable('upsell_settings', {
  orgId: uuid('org_id')
    .primaryKey()
    .references(() => organisations.id, { onDelete: 'cascade' }),
  /** A subscription at or above this share of its plan's user limit is a candidate (default 80). */
  limitThresholdPercent: integer('limit_threshold_percent').notNull().default(80),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
