import type { TScorecardMeasure } from './health.engine.ts';
import { steps } from './health.measures.ts';

/**
 * The scorecard every organisation starts with: generic subscription signals only (nothing of one data set), so it
 * means something on the first day. Tenure and commitment: a young customer and a month-to-month one leave most
 * often. MRR percentile: the account's place among the organisation's paying accounts, scored lower the more it
 * pays (the biggest bills are the first looked at when a customer cuts costs, and the most exposed to a cheaper
 * offer) — a raw amount could not have thresholds that fit every organisation's prices. MRR change over 90 days:
 * a contraction is a warning. The CSM pulse, when given, counts as much as tenure. Usage measures will join when the
 * usage module registers them; the fitter (health.fit.ts) tunes all of it to the organisation's own churn.
 */
export const DEFAULT_SCORECARD_NAME = 'Default';
export const DEFAULT_MEASURES: TScorecardMeasure[] = [
  { source: 'subscription.tenure_months', weight: 3, thresholds: steps([0, 0], [6, 30], [12, 50], [24, 70], [48, 90], [72, 100]) },
  { source: 'subscription.commitment_months', weight: 3, thresholds: steps([1, 20], [12, 75], [24, 100]) },
  { source: 'subscription.mrr_percentile', weight: 2, thresholds: steps([0, 100], [100, 0]) },
  { source: 'subscription.mrr_change_90d', weight: 2, thresholds: steps([-50, 0], [-10, 40], [0, 70], [10, 100]) },
  { source: 'pulse.csm', weight: 3, thresholds: steps([0, 0], [100, 100]) },
];

/** The unhealthy share an organisation aims for until it sets its own: the documents' "from 34% to 25%". */
export const DEFAULT_UNHEALTHY_TARGET_PCT = 25;
