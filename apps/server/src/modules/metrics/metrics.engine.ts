import type { TGranularity, TMetricSettings, TPeriodMetrics } from './metrics.schemas.ts';

/**
 * Turns the aggregates (movements per period, the standing before the range, costs, new ACV, trials) into the
 * figures of METRICS.md. Pure, so every test vector runs without a database. Amounts arrive in cents of the
 * reporting currency and leave in major units; rates are fractions, null where the denominator is 0.
 */

export interface TPeriod {
  label: string;
  /** Where the period's aggregate rows are keyed (its first day, unclipped). */
  key: string;
  from: string;
  to: string;
}

export interface TMovementCents {
  new: number;
  newN: number;
  reactivation: number;
  reactivationN: number;
  expansion: number;
  expansionN: number;
  contraction: number;
  contractionN: number;
  churn: number;
  churnN: number;
  joinAndChurnN: number;
}

export const ZERO_MOVEMENTS: TMovementCents = {
  new: 0,
  newN: 0,
  reactivation: 0,
  reactivationN: 0,
  expansion: 0,
  expansionN: 0,
  contraction: 0,
  contractionN: 0,
  churn: 0,
  churnN: 0,
  joinAndChurnN: 0,
};

const day = (d: Date) => d.toISOString().slice(0, 10);
const utc = (s: string) => new Date(`${s}T00:00:00Z`);
const lastDayOfMonth = (month: string) => day(new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)));

/** "2019-01" as the start of a range is its first day, as the end its last. */
export const rangeStart = (v: string) => (v.length === 7 ? `${v}-01` : v);
export const rangeEnd = (v: string) => (v.length === 7 ? lastDayOfMonth(v) : v);

export function addMonths(d: string, n: number): string {
  const x = utc(d);
  return day(new Date(Date.UTC(x.getUTCFullYear(), x.getUTCMonth() + n, 1)));
}

export function periodStart(d: string, unit: TGranularity): string {
  if (unit === 'day') return d;
  const x = utc(d);
  const m = unit === 'month' ? x.getUTCMonth() : unit === 'quarter' ? Math.floor(x.getUTCMonth() / 3) * 3 : 0;
  return day(new Date(Date.UTC(x.getUTCFullYear(), m, 1)));
}

function nextStart(start: string, unit: TGranularity): string {
  if (unit === 'day') {
    const x = utc(start);
    x.setUTCDate(x.getUTCDate() + 1);
    return day(x);
  }
  return addMonths(start, unit === 'month' ? 1 : unit === 'quarter' ? 3 : 12);
}

function label(start: string, unit: TGranularity): string {
  if (unit === 'day') return start;
  if (unit === 'month') return start.slice(0, 7);
  if (unit === 'quarter') return `${start.slice(0, 4)}-Q${Math.floor(Number(start.slice(5, 7)) / 3) + 1}`;
  return start.slice(0, 4);
}

/** The last day of the period that starts on `start`. */
export const periodEnd = (start: string, unit: TGranularity): string => day(new Date(utc(nextStart(start, unit)).getTime() - 86_400_000));

/** The periods of a range (the first and last clipped to it); at most `max`. */
export function periodsOf(from: string, to: string, unit: TGranularity, max = 5000): TPeriod[] {
  const out: TPeriod[] = [];
  for (let s = periodStart(from, unit); s <= to && out.length < max; s = nextStart(s, unit)) {
    const end = day(new Date(utc(nextStart(s, unit)).getTime() - 86_400_000));
    out.push({ label: label(s, unit), key: s, from: s < from ? from : s, to: end > to ? to : end });
  }
  return out;
}

const daysBetween = (a: string, b: string) => Math.round((utc(b).getTime() - utc(a).getTime()) / 86_400_000) + 1;

/** A period's length in months (a whole month is 1; days count as their share of their month). */
export function monthsIn(p: { from: string; to: string }): number {
  let months = 0;
  for (let m = `${p.from.slice(0, 7)}-01`; m <= p.to; m = addMonths(m, 1)) {
    const last = lastDayOfMonth(m);
    const [, a = m] = [m, p.from].sort();
    const [b = last] = [p.to, last].sort();
    months += daysBetween(a, b) / daysBetween(m, last);
  }
  return months;
}

/** The cost of service in a period: each month's cost, prorated by the days of it the period covers. */
export function costIn(p: { from: string; to: string }, costs: ReadonlyMap<string, number>): number | null {
  let total = 0;
  let any = false;
  for (let m = `${p.from.slice(0, 7)}-01`; m <= p.to; m = addMonths(m, 1)) {
    const c = costs.get(m);
    if (c === undefined) continue;
    any = true;
    const last = lastDayOfMonth(m);
    const [, a = m] = [m, p.from].sort();
    const [b = last] = [p.to, last].sort();
    total += (c * daysBetween(a, b)) / daysBetween(m, last);
  }
  return any ? Math.round(total) : null;
}

const money = (cents: number) => Math.round(cents) / 100;
const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

export interface TSeriesInput {
  unit: TGranularity;
  periods: TPeriod[];
  start: { mrr: number; customers: number };
  movements: ReadonlyMap<string, TMovementCents>;
  costs: ReadonlyMap<string, number>;
  newAcvCents: ReadonlyMap<string, number>;
  trials: ReadonlyMap<string, { started: number; converted: number }>;
  /** Monthly customer churn rates by month (first day), for LTV's trailing average. */
  monthlyChurn: ReadonlyMap<string, number | null>;
  settings: TMetricSettings;
}

export function buildSeries(input: TSeriesInput): TPeriodMetrics[] {
  let mrr = input.start.mrr;
  let customers = input.start.customers;
  return input.periods.map((p) => {
    const m = input.movements.get(p.key) ?? ZERO_MOVEMENTS;
    const startMrr = mrr;
    const startCustomers = customers;
    mrr = startMrr + m.new + m.reactivation + m.expansion - m.contraction - m.churn;
    customers = startCustomers + m.newN + m.reactivationN - m.churnN;
    const churned = m.churnN + (input.settings.joinAndChurn === 'include' ? m.joinAndChurnN : 0);
    const arpa = customers ? mrr / customers : null;
    const revenue = ((startMrr + mrr) / 2) * monthsIn(p);
    const cost = costIn(p, input.costs);
    const margin = cost === null || revenue === 0 ? null : (revenue - cost) / revenue;
    const trailing = trailingChurn(input.monthlyChurn, `${p.to.slice(0, 7)}-01`, input.settings.ltvChurnMonths);
    const trials = input.trials.get(p.key);
    return {
      period: p.label,
      from: p.from,
      to: p.to,
      mrr: money(mrr),
      arr: money(mrr * 12),
      customers,
      startMrr: money(startMrr),
      startCustomers,
      new: money(m.new),
      expansion: money(m.expansion),
      contraction: money(m.contraction),
      churn: money(m.churn),
      reactivation: money(m.reactivation),
      newCustomers: m.newN,
      expandedCustomers: m.expansionN,
      contractedCustomers: m.contractionN,
      churnedCustomers: m.churnN,
      reactivatedCustomers: m.reactivationN,
      customerChurnRate: ratio(churned, startCustomers),
      grossMrrChurnRate: ratio(m.churn + m.contraction, startMrr),
      netMrrChurnRate: ratio(m.churn + m.contraction - m.expansion - m.reactivation, startMrr),
      nrr: ratio(startMrr + m.expansion - m.contraction - m.churn, startMrr),
      grr: ratio(startMrr - m.contraction - m.churn, startMrr),
      quickRatio: ratio(m.new + m.expansion + m.reactivation, m.contraction + m.churn),
      arpa: arpa === null ? null : money(arpa),
      ltv: arpa === null || !trailing ? null : money(arpa / trailing),
      clv: arpa === null || !trailing || margin === null ? null : money((arpa * margin) / trailing),
      grossMarginPct: margin,
      recurringRevenue: money(revenue),
      costOfService: money(cost ?? 0),
      newAcv: money(input.newAcvCents.get(p.key) ?? 0),
      trialsStarted: trials?.started ?? 0,
      trialConversions: trials?.converted ?? 0,
    };
  });
}

/** The average monthly customer churn rate of the `months` months before `month` (the month itself excluded). */
export function trailingChurn(rates: ReadonlyMap<string, number | null>, month: string, months: number): number | null {
  const values: number[] = [];
  for (let i = 1; i <= months; i++) {
    const r = rates.get(addMonths(month, -i));
    if (r !== undefined && r !== null) values.push(r);
  }
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}
