import { periodStart } from './metrics.engine.ts';
import type { TAccountLineVersion, TMrrChange } from './metrics.timeline.ts';

/**
 * What the revenue series reads instead of the raw change points, kept by the same projection: per account and
 * whole period, the period's MRR at its start and end (its movement, METRICS.md), and per subscription the day it
 * first paid and its trial. Pure: metrics.repository.ts stores the results next to mrr_changes.
 */

export const ROLLUP_UNITS = ['month', 'quarter', 'year'] as const;
export type TRollupUnit = (typeof ROLLUP_UNITS)[number];

export interface TPeriodMovement {
  unit: TRollupUnit;
  /** The period's first day. */
  period: string;
  /** MRR at the end of the day before the period's first change, and at the end of its last (cents). */
  mrrStartCents: number;
  mrrEndCents: number;
  activeStart: boolean;
  activeEnd: boolean;
  /** Days from the last day the account was a customer to its first change of the period (null: never was). */
  gapDays: number | null;
  /** A customer at any point of the period after a change (a customer who joined and left within it). */
  wasActive: boolean;
}

const DAY_MS = 86_400_000;
const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / DAY_MS;

/** An account's movement in every month, quarter and year it changed, from its change points (in day order). */
export function periodMovements(changes: readonly TMrrChange[]): TPeriodMovement[] {
  const out: TPeriodMovement[] = [];
  for (const unit of ROLLUP_UNITS) {
    let current = null as TPeriodMovement | null;
    for (const c of changes) {
      const period = periodStart(c.effectiveDate, unit);
      if (current?.period !== period) {
        current = {
          unit,
          period,
          mrrStartCents: c.mrrBeforeCents,
          mrrEndCents: c.mrrAfterCents,
          activeStart: c.activeBefore,
          activeEnd: c.activeAfter,
          gapDays: c.lastActiveOn === null ? null : dayNumber(c.effectiveDate) - dayNumber(c.lastActiveOn),
          wasActive: c.activeAfter,
        };
        out.push(current);
        continue;
      }
      current.mrrEndCents = c.mrrAfterCents;
      current.activeEnd = c.activeAfter;
      current.wasActive ||= c.activeAfter;
    }
  }
  return out;
}

export interface TSubscriptionFacts {
  subscriptionId: string;
  currency: string;
  /** The first day the subscription paid (not a trial, MRR above 0), and the MRR of the versions starting then. */
  firstPaidOn: string | null;
  firstPaidMrrCents: number | null;
  /** Its trial: first day (null: none), and the day after the last (null: none, or a trial without an end yet). */
  trialStartedOn: string | null;
  trialEndedOn: string | null;
  /** It paid at some point (a trial that converted, when it had one). */
  paid: boolean;
}

/** Per subscription of an account, from its line versions: when it first paid (new ACV) and its trial. */
export function subscriptionFacts(versions: readonly TAccountLineVersion[]): TSubscriptionFacts[] {
  const bySubscription = new Map<string, TAccountLineVersion[]>();
  for (const v of versions) bySubscription.set(v.subscriptionId, [...(bySubscription.get(v.subscriptionId) ?? []), v]);
  return [...bySubscription].map(([subscriptionId, list]) => {
    const paying = list.filter((v) => !v.trial && v.mrrCents > 0);
    const firstPaidOn = paying.length ? (paying.map((v) => v.validFrom).sort()[0] ?? null) : null;
    const trials = list.filter((v) => v.trial);
    const trialEnds = trials.map((v) => v.validTo);
    return {
      subscriptionId,
      currency: list[0]?.currency ?? '',
      firstPaidOn,
      firstPaidMrrCents:
        firstPaidOn === null ? null : list.filter((v) => !v.trial && v.validFrom === firstPaidOn).reduce((s, v) => s + v.mrrCents, 0),
      trialStartedOn: trials.length ? (trials.map((v) => v.validFrom).sort()[0] ?? null) : null,
      // Like max(valid_to) in SQL: an open trial version (no end) does not end the trial.
      trialEndedOn:
        trialEnds
          .filter((d): d is string => d !== null)
          .sort()
          .at(-1) ?? null,
      paid: paying.length > 0,
    };
  });
}

/**
 * The account's plan for segmenting by plan: the plan of its biggest line among its latest versions (open ones
 * first), ties broken by subscription and line, so the projection and a rebuild in SQL agree.
 */
export function primaryPlan(versions: readonly TAccountLineVersion[]): string | null {
  const latestFirst = (a: TAccountLineVersion, b: TAccountLineVersion) =>
    a.validTo === b.validTo ? 0 : a.validTo === null ? -1 : b.validTo === null ? 1 : a.validTo > b.validTo ? -1 : 1;
  const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const [first] = [...versions].sort(
    (a, b) =>
      latestFirst(a, b) || b.mrrCents - a.mrrCents || byKey(a.subscriptionId, b.subscriptionId) || byKey(a.lineKey ?? '', b.lineKey ?? ''),
  );
  return first?.planId ?? null;
}
