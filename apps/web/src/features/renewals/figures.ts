// The renewal report's figures: which are counts, money and rates, their order in the table and CSV, and their format.
import { formatMoney, formatPercent } from '../../lib/money.ts';
import type { RenewalPeriod, RenewalTermOutcome } from './types.ts';

export type Figure = Exclude<keyof RenewalPeriod, 'period'>;

/** The counts that open the terms behind them (the drill-down's outcome; `due`: every term). */
export const DRILLABLE: Partial<Record<Figure, RenewalTermOutcome | 'due'>> = {
  due: 'due',
  renewed: 'renewed',
  churned: 'churned',
  pending: 'pending',
  downgraded: 'downgraded',
  upgraded: 'upgraded',
};
const COUNTS: Figure[] = ['due', 'renewed', 'churned', 'pending', 'downgraded', 'upgraded', 'winbackOffers', 'winbackWon', 'winbackLost'];
const MONEY: Figure[] = ['dueArr', 'renewedArr', 'averageDealValue', 'winbackWonArr'];

/** In the order of the table's columns and the CSV's (the API's keys as headers): the win-back figures last. */
export const FIGURES: Figure[] = [
  'due',
  'dueArr',
  'renewed',
  'renewedArr',
  'churned',
  'pending',
  'downgraded',
  'upgraded',
  'renewalRateCount',
  'renewalRateValueGross',
  'renewalRateValueNet',
  'eligibleChurnRate',
  'revenueChurn',
  'averageDealValue',
  'winbackOffers',
  'winbackWon',
  'winbackLost',
  'winbackWonArr',
];

export const figureKind = (f: Figure): 'count' | 'money' | 'rate' => (COUNTS.includes(f) ? 'count' : MONEY.includes(f) ? 'money' : 'rate');

/** A figure as the table shows it: counts as they are, money in the reporting currency, rates as percentages. */
export function formatRenewalFigure(p: RenewalPeriod, f: Figure, currency: string): string {
  const v = p[f];
  const kind = figureKind(f);
  if (kind === 'money') return formatMoney(v, currency);
  if (kind === 'count') return String(v);
  return formatPercent(v);
}
