import { date, foreignKey, index, integer, json, jsonb, numeric, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/accounts.table.ts';
import { users } from '../identity/identity.table.ts';
import { organisations } from '../organisations/organisations.table.ts';

// The scorecard's configuration types live here (types only) so the table can name them; health.engine.ts re-exports them.
/** A numeric measure's breakpoints, ordered by `from`: below the first its points, above the last its points, between two the points are interpolated. */
export interface TNumberThresholds {
  kind: 'number';
  breakpoints: { from: number; points: number }[];
}
/** A choice measure: points per option; an option not listed scores `otherPoints` (or counts as missing when null). */
export interface TChoiceThresholds {
  kind: 'choice';
  options: { option: string; points: number }[];
  otherPoints: number | null;
}
export interface TYesNoThresholds {
  kind: 'yesno';
  yes: number;
  no: number;
}
export type TThresholds = TNumberThresholds | TChoiceThresholds | TYesNoThresholds;
export type TMeasureValue = number | string | boolean;

/** One measure of a scorecard: where its value comes from, how it maps to points, how much it counts. */
export interface TScorecardMeasure {
  source: string;
  weight: number;
  thresholds: TThresholds;
}

/** A measure's result explained: its value, points and weight, the day its input was observed, and whether it was stale. */
export interface TStoredMeasure {
  source: string;
  value: number | string | boolean | null;
  points: number | null;
  weight: number;
  observedOn: string | null;
  stale: boolean;
}

/**
 * A measure's result as stored with a score, in the order of its scorecard version's measures: `[value, points]`,
 * then the day its input was observed when known, then `1` when that input was stale. The source, weight and
 * thresholds are the version's, the same for every account (health.results.ts explains it back).
 */
export type TMeasureResult =
  | [TMeasureValue | null, number | null]
  | [TMeasureValue | null, number | null, string]
  | [TMeasureValue | null, number | null, string, 1];

export interface TFitSummary {
  outcome: string;
  split: { kind: 'field' | 'share' | 'none'; field: string | null; share: number | null; seed: number | null };
  train: { n: number; positives: number; auc: number | null };
  test: { n: number; positives: number; auc: number | null };
  unfittedTestAuc: number | null;
  candidates: number;
  dropped: { name: string; why: string }[];
  /** How the fitter chose its penalty (k-fold cross-validation on the training part); absent on older versions. */
  crossValidation?: { folds: number; auc: number | null; penalty: number } | null;
}

/**
 * Every version of every scorecard: saving a changed scorecard adds a version, so each stored score names the
 * configuration it was computed with. The current version of a scorecard is its highest. A scorecard with no
 * segment is the organisation's default; one with a segment scores that segment's accounts.
 * Tenancy: org_id leads the primary key.
 */
export const healthScorecards = pgTable(
  'health_scorecards',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull(),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    segment: text('segment'),
    measures: jsonb('measures').$type<TScorecardMeasure[]>().notNull(),
    /** Why this version exists: written by the fitter ("fitted to 5,635 accounts …") or by the admin. */
    explanation: text('explanation'),
    /** When the version was fitted to past outcomes: on what, and how well it ranked them (the UI explains it). */
    fit: jsonb('fit').$type<TFitSummary>(),
    createdByUserId: uuid('created_by_user_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id, t.version] }),
    foreignKey({ columns: [t.orgId, t.createdByUserId], foreignColumns: [users.orgId, users.id] }),
  ],
);

/**
 * The organisation's health bands and its unhealthy-share target (one row, absent until changed: red ≤ 50,
 * yellow ≤ 75, target 25 %: the documents' "decrease unhealthy customer count from 34% to 25%").
 */
export const healthSettings = pgTable('health_settings', {
  orgId: uuid('org_id')
    .primaryKey()
    .references(() => organisations.id, { onDelete: 'cascade' }),
  redMax: integer('red_max').notNull().default(50),
  yellowMax: integer('yellow_max').notNull().default(75),
  unhealthyTargetPct: integer('unhealthy_target_pct').notNull().default(25),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

const scoreColumns = {
  orgId: uuid('org_id').notNull(),
  accountId: uuid('account_id').notNull(),
  scorecardId: uuid('scorecard_id').notNull(),
  scorecardVersion: integer('scorecard_version').notNull(),
  /** 0–100, two decimals; null when no measure had a value. */
  score: numeric('score', { precision: 5, scale: 2, mode: 'number' }),
  band: text('band'),
  /** Per measure of the scorecard version (health.results.ts); json, not jsonb: written whole and read whole, never queried inside. */
  measureResults: json('measure_results').$type<TMeasureResult[]>().notNull(),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
};

/**
 * Each account's latest score. Derived: a recompute rebuilds it from the inputs at any time. Its pages are kept
 * under half full (fillfactor 45, set in migration 0036) so a recompute's rewrite of every row stays on its page
 * (HOT updates: no new index entries).
 */
export const healthScores = pgTable('health_scores', scoreColumns, (t) => [
  primaryKey({ columns: [t.orgId, t.accountId] }),
  foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }).onDelete('cascade'),
  index('health_scores_org_band_idx').on(t.orgId, t.band),
]);

/** The score history: the last score of each account on each day (a later recompute the same day replaces it). */
export const healthScoreHistory = pgTable(
  'health_score_history',
  { ...scoreColumns, day: date('day', { mode: 'string' }).notNull() },
  (t) => [
    primaryKey({ columns: [t.orgId, t.accountId, t.day] }),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }).onDelete('cascade'),
  ],
);

/**
 * The CSM's pulses of an account: a manual 0–100 with a reason and an expiry. Rows are only ever added — a new
 * pulse supersedes the one before without overwriting it, so the history shows who said what and when.
 */
export const healthPulses = pgTable(
  'health_pulses',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    accountId: uuid('account_id').notNull(),
    value: integer('value').notNull(),
    reason: text('reason').notNull(),
    expiresOn: date('expires_on', { mode: 'string' }),
    createdByUserId: uuid('created_by_user_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.createdByUserId], foreignColumns: [users.orgId, users.id] }),
    index('health_pulses_org_account_idx').on(t.orgId, t.accountId, t.createdAt),
  ],
);
