import type { TFunction } from 'i18next';
import { formatNumber } from '../../lib/format.ts';
import { formatDecimal, formatMoney, formatPercent } from '../../lib/money.ts';
import type { PeriodMetrics } from './types.ts';

export type FigureKind = 'money' | 'count' | 'rate' | 'ratio';
export type FigureKey = keyof Omit<PeriodMetrics, 'period' | 'from' | 'to'>;

/** Every figure of a period, in the order the table shows them, with how it prints and which way is good. */
export const FIGURES: readonly { key: FigureKey; kind: FigureKind; lowerIsBetter?: boolean }[] = [
  { key: 'mrr', kind: 'money' },
  { key: 'arr', kind: 'money' },
  { key: 'customers', kind: 'count' },
  { key: 'startMrr', kind: 'money' },
  { key: 'new', kind: 'money' },
  { key: 'expansion', kind: 'money' },
  { key: 'reactivation', kind: 'money' },
  { key: 'contraction', kind: 'money', lowerIsBetter: true },
  { key: 'churn', kind: 'money', lowerIsBetter: true },
  { key: 'newCustomers', kind: 'count' },
  { key: 'churnedCustomers', kind: 'count', lowerIsBetter: true },
  { key: 'customerChurnRate', kind: 'rate', lowerIsBetter: true },
  { key: 'grossMrrChurnRate', kind: 'rate', lowerIsBetter: true },
  { key: 'netMrrChurnRate', kind: 'rate', lowerIsBetter: true },
  { key: 'nrr', kind: 'rate' },
  { key: 'grr', kind: 'rate' },
  { key: 'quickRatio', kind: 'ratio' },
  { key: 'arpa', kind: 'money' },
  { key: 'ltv', kind: 'money' },
  { key: 'clv', kind: 'money' },
  { key: 'grossMarginPct', kind: 'rate' },
  { key: 'recurringRevenue', kind: 'money' },
  { key: 'costOfService', kind: 'money', lowerIsBetter: true },
  { key: 'newAcv', kind: 'money' },
  { key: 'trialsStarted', kind: 'count' },
  { key: 'trialConversions', kind: 'count' },
];

/** The movement a figure drills down to (its accounts), if any. */
export const DRILLABLE: Partial<Record<FigureKey, 'new' | 'expansion' | 'contraction' | 'churn' | 'reactivation'>> = {
  new: 'new',
  expansion: 'expansion',
  contraction: 'contraction',
  churn: 'churn',
  reactivation: 'reactivation',
  newCustomers: 'new',
  churnedCustomers: 'churn',
};

export function formatFigure(
  kind: FigureKind,
  value: number | null | undefined,
  currency: string,
  style: 'exact' | 'whole' = 'exact',
): string {
  if (kind === 'money') return formatMoney(value, currency, { whole: style === 'whole' });
  if (kind === 'rate') return formatPercent(value);
  if (kind === 'ratio') return formatDecimal(value, 2);
  return formatNumber(value);
}

/** The change against the previous period: relative for amounts and counts, in points for rates. */
export function formatDelta(kind: FigureKind, now: number | null, before: number | null, t: TFunction): string | null {
  if (now === null || before === null) return null;
  if (kind === 'rate') {
    const pts = (now - before) * 100;
    return t('revenue.deltaPoints', { value: `${pts >= 0 ? '+' : ''}${formatDecimal(pts, 1)}` });
  }
  if (before === 0) return null;
  const rel = (now - before) / Math.abs(before);
  return `${rel >= 0 ? '+' : ''}${formatPercent(rel)}`;
}
