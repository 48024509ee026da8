import { addDays } from '../subscriptions/index.ts';
import type { TMetricSettings } from './metrics.schemas.ts';

/**
 * An account's MRR over time in the reporting currency, from the line versions of all its subscriptions
 * under the organisation's conventions (METRICS.md). Pure: the projection writes its result to mrr_changes.
 */

export interface TAccountLineVersion {
  subscriptionId: string;
  /** The line within its subscription, and its plan (null: a free-text line). */
  lineKey?: string;
  planId?: string | null;
  currency: string;
  validFrom: string;
  validTo: string | null;
  mrrCents: number;
  mrrUndiscountedCents: number;
  discountPercent: number;
  trial: boolean;
  free: boolean;
}

export interface TMrrChange {
  effectiveDate: string;
  mrrBeforeCents: number;
  mrrAfterCents: number;
  activeBefore: boolean;
  activeAfter: boolean;
  lastActiveOn: string | null;
}

/** Units of the reporting currency per unit of `currency` in the month that starts on `month`. */
export type TRateOf = (currency: string, month: string) => number;

export const monthOf = (day: string) => `${day.slice(0, 7)}-01`;

/**
 * @param cancelledOn per subscription that ended by a cancellation, the day it was requested: with the
 *   convention "churn recognised at the request" its lines stop counting that day.
 */
export function accountMrrChanges(
  versions: readonly TAccountLineVersion[],
  settings: TMetricSettings,
  rateOf: TRateOf,
  cancelledOn: ReadonlyMap<string, string> = new Map(),
): TMrrChange[] {
  const counted = versions
    .filter((v) => !v.trial)
    .map((v) => {
      const requested = settings.churnRecognised === 'request' ? cancelledOn.get(v.subscriptionId) : undefined;
      const validTo = requested && (v.validTo === null || requested < v.validTo) ? requested : v.validTo;
      const native = settings.discounts === 'ignore' ? v.mrrUndiscountedCents : v.mrrCents;
      // The rate of the month the amount took effect: a change converts at its own month's rate and keeps it,
      // so exchange-rate moves alone never show as expansion or contraction.
      const rate = v.currency === settings.reportingCurrency ? 1 : rateOf(v.currency, monthOf(v.validFrom));
      return { validFrom: v.validFrom, validTo, mrr: Math.round(native * rate) };
    })
    .filter((v) => v.validTo === null || v.validTo > v.validFrom);

  const days = [...new Set(counted.flatMap((v) => (v.validTo ? [v.validFrom, v.validTo] : [v.validFrom])))].sort();
  const out: TMrrChange[] = [];
  let mrr = 0;
  let active = false;
  let lastActiveOn: string | null = null;
  for (const day of days) {
    const live = counted.filter((v) => v.validFrom <= day && (v.validTo === null || v.validTo > day));
    const nextMrr = live.reduce((sum, v) => sum + v.mrr, 0);
    const nextActive = nextMrr > 0 || (settings.freeCustomers === 'active' && live.length > 0);
    if (nextMrr === mrr && nextActive === active) continue;
    if (active) lastActiveOn = addDays(day, -1);
    out.push({
      effectiveDate: day,
      mrrBeforeCents: mrr,
      mrrAfterCents: nextMrr,
      activeBefore: active,
      activeAfter: nextActive,
      lastActiveOn,
    });
    mrr = nextMrr;
    active = nextActive;
  }
  return out;
}
