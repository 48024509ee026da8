import type { Db } from '../../platform/db/database.ts';
import { invalid } from '../../platform/errors.ts';
import { addDays } from '../subscriptions/index.ts';
import {
  addMonths,
  buildSeries,
  periodEnd,
  periodStart,
  periodsOf,
  rangeEnd,
  rangeStart,
  type TMovementCents,
  ZERO_MOVEMENTS,
} from './metrics.engine.ts';
import { metricMessages as m } from './metrics.messages.ts';
import { groupLabels, listCosts, listRates } from './metrics.repository.ts';
import type { TMetricFilters, TMetricSettings, TSeries, TSeriesQuery } from './metrics.schemas.ts';
import {
  movementsByPeriod,
  newAcvByPeriod,
  partialPeriodMovements,
  standingBefore,
  type TGroupKey,
  type TMovementRow,
  type TPeriodUnit,
  trialsByPeriod,
  wholePeriodMovements,
} from './metrics.series.repository.ts';
import { summaryAcv, summaryMonths, type TMonthSums } from './metrics.summary.repository.ts';
import type { TRateOf } from './metrics.timeline.ts';

/**
 * One revenue series: the aggregates of the range (movements, the standing before it, new ACV, trials, costs,
 * and the months LTV looks back on), assembled into METRICS.md's figures per period and per group.
 */

/** Rates by currency, the nearest stored month at or before the one asked (else the first after; else 1). */
export function rateLookup(rows: { currency: string; month: string; rate: string }[], missing: Set<string>): TRateOf {
  const byCurrency = new Map<string, { month: string; rate: number }[]>();
  for (const r of rows) byCurrency.set(r.currency, [...(byCurrency.get(r.currency) ?? []), { month: r.month, rate: Number(r.rate) }]);
  return (currency, month) => {
    const list = byCurrency.get(currency);
    if (!list?.length) {
      missing.add(currency);
      return 1;
    }
    let best = list[0];
    for (const r of list) if (r.month <= month) best = r;
    return best?.rate ?? 1;
  };
}

/**
 * Movements per period of a range: months, quarters and years from the movements stored per account and period (a
 * first or last period the range covers only in part, the current one cut at today, with the accounts that changed
 * outside the range recomputed); days from the change points.
 */
export async function movementsOf(
  db: Db,
  orgId: string,
  q: { from: string; to: string; unit: TPeriodUnit; filters: TMetricFilters; groupBy?: TGroupKey; reactivationWindowDays: number | null },
  /** The organisation's monthly summary (whole organisation, by month): its whole months are read from these rows. */
  summary?: readonly TMonthSums[],
): Promise<TMovementRow[]> {
  const { unit } = q;
  if (unit === 'day') return movementsByPeriod(db, orgId, q);
  const periods = periodsOf(q.from, q.to, unit);
  const isWhole = (p: { key: string; from: string; to: string }) => p.from === p.key && periodStart(addDays(p.to, 1), unit) !== p.key;
  const first = periods[0];
  const last = periods.at(-1);
  if (!first || !last) return [];
  const head = isWhole(first) ? null : first;
  const tail = last === first || isWhole(last) ? null : last;
  const whole = periods.filter((p) => p !== head && p !== tail);
  const partial = (p: { key: string; from: string; to: string }) =>
    partialPeriodMovements(db, orgId, { ...q, unit, period: p.key, periodEnd: periodEnd(p.key, unit), from: p.from, to: p.to });
  const parts = await Promise.all([
    head ? partial(head) : [],
    !whole.length
      ? []
      : summary && unit === 'month'
        ? summary.filter((r) => r.month >= (whole[0]?.key ?? '') && r.month <= (whole.at(-1)?.key ?? '')).map((r) => r.movements)
        : wholePeriodMovements(db, orgId, { ...q, unit, from: whole[0]?.key ?? '', to: whole.at(-1)?.key ?? '' }),
    tail ? partial(tail) : [],
  ]);
  return parts.flat();
}

export async function computeSeries(
  db: Db,
  orgId: string,
  q: TSeriesQuery & { from: string; to: string; asOf?: string },
  settings: TMetricSettings,
  owner: string | undefined,
  /** summary: the caller checked the query is the whole organisation by month and the monthly summary is built. */
  opts: { summary?: boolean } = {},
): Promise<TSeries> {
  const from = rangeStart(q.from);
  // The figures run to today: a change scheduled for later (a trial ending next week, a cancellation at the
  // term's end) counts when its day comes.
  const asked = rangeEnd(q.to);
  const to = q.asOf && asked > q.asOf && from <= q.asOf ? q.asOf : asked;
  if (to < from) throw invalid('to', m.metrics_range_order);
  const periods = periodsOf(from, to, q.by, 5001);
  if (periods.length > 5000) throw invalid('by', m.metrics_too_many_periods);
  const filters = { ...q, owner: owner ?? q.owner };
  // Months before the range feed LTV's trailing churn average.
  const churnFrom = addMonths(`${from.slice(0, 7)}-01`, -settings.ltvChurnMonths);
  const missing = new Set<string>();
  const rateOf = rateLookup(await listRates(db, orgId), missing);
  const unit = q.by;
  const common = { unit, filters, groupBy: q.groupBy };
  const win = settings.reactivationWindowDays;
  // The whole organisation by month reads its monthly summary (about 60 rows) for whole months; a segment, every
  // account's monthly row. A last month cut at today still comes from the rows (a change later in it does not count).
  const monthly = unit === 'month' && from.endsWith('-01');
  const summary = opts.summary && monthly && !q.groupBy ? await summaryMonths(db, orgId, `${to.slice(0, 7)}-01`) : undefined;
  const last = periods.at(-1);
  const tail = summary && last && last.to !== periodEnd(last.key, 'month') ? last : undefined;
  const wholeTo = tail ? addMonths(tail.key, -1) : to;
  const [acv, trials, costs] = await Promise.all([
    summary
      ? Promise.all([
          summaryAcv(db, orgId, from, wholeTo),
          tail ? newAcvByPeriod(db, orgId, { ...common, from: tail.from, to: tail.to }) : [],
        ]).then((parts) => parts.flat())
      : newAcvByPeriod(db, orgId, { ...common, from, to }),
    summary
      ? (tail ? trialsByPeriod(db, orgId, { ...common, from: tail.from, to: tail.to }) : Promise.resolve([])).then((part) => [
          ...summary
            .filter((r) => r.month >= from && r.month <= wholeTo && (r.trialsStarted || r.trialsConverted))
            .map((r) => ({ period: r.month, groupKey: null, started: r.trialsStarted, converted: r.trialsConverted })),
          ...part,
        ])
      : trialsByPeriod(db, orgId, { ...common, from, to }),
    listCosts(db, orgId, `${from.slice(0, 7)}-01`, to),
  ]);
  let moves: TMovementRow[];
  let start: { groupKey: string | null; mrr: number; customers: number }[];
  let monthlyMoves: TMovementRow[];
  let monthlyCustomersAtChurnFrom: number;
  if (monthly) {
    // One pass over the months from LTV's look-back to the end: the series, its start and the monthly churn.
    const [all, before] = await Promise.all([
      movementsOf(db, orgId, { ...common, from: churnFrom, to, reactivationWindowDays: win }, summary),
      summary ? [standingOfSummary(summary, churnFrom)] : standingBefore(db, orgId, churnFrom, filters, q.groupBy),
    ]);
    moves = all.filter((r) => r.period >= from);
    const startByGroup = new Map(before.map((r) => [r.groupKey, { ...r }]));
    for (const r of all.filter((x) => x.period < from)) {
      const st = startByGroup.get(r.groupKey) ?? { groupKey: r.groupKey, mrr: 0, customers: 0 };
      st.mrr += r.new + r.reactivation + r.expansion - r.contraction - r.churn;
      st.customers += r.newN + r.reactivationN - r.churnN;
      startByGroup.set(r.groupKey, st);
    }
    start = [...startByGroup.values()];
    const byMonth = new Map<string, TMovementRow>();
    for (const r of all) byMonth.set(r.period, { ...addMovements(byMonth.get(r.period), r), period: r.period, groupKey: null });
    monthlyMoves = [...byMonth.values()];
    monthlyCustomersAtChurnFrom = before.reduce((sum, r) => sum + r.customers, 0);
  } else {
    const [m, st, mm, ms] = await Promise.all([
      movementsOf(db, orgId, { ...common, from, to, reactivationWindowDays: win }),
      standingBefore(db, orgId, from, filters, q.groupBy),
      movementsOf(db, orgId, { from: churnFrom, to, unit: 'month', filters, reactivationWindowDays: win }),
      standingBefore(db, orgId, churnFrom, filters),
    ]);
    moves = m;
    start = st;
    monthlyMoves = mm;
    monthlyCustomersAtChurnFrom = ms[0]?.customers ?? 0;
  }
  const monthlyChurn = new Map<string, number | null>();
  {
    let customers = monthlyCustomersAtChurnFrom;
    const byMonth = new Map(monthlyMoves.map((r) => [r.period, r]));
    for (const p of periodsOf(churnFrom, to, 'month')) {
      const r = byMonth.get(p.key);
      const churned = (r?.churnN ?? 0) + (settings.joinAndChurn === 'include' ? (r?.joinAndChurnN ?? 0) : 0);
      monthlyChurn.set(p.key, customers ? churned / customers : null);
      customers += (r?.newN ?? 0) + (r?.reactivationN ?? 0) - (r?.churnN ?? 0);
    }
  }
  const costMap = new Map(costs.map((c) => [c.month, c.amountCents]));
  const seriesFor = (key: string | null | undefined) => {
    const keyed = <T extends { groupKey: string | null }>(rows: T[]) => (key === undefined ? rows : rows.filter((r) => r.groupKey === key));
    const movements = new Map<string, TMovementCents>();
    for (const r of keyed(moves)) movements.set(r.period, addMovements(movements.get(r.period), r));
    const acvMap = new Map<string, number>();
    for (const r of keyed(acv))
      acvMap.set(
        r.period,
        (acvMap.get(r.period) ?? 0) +
          Math.round(r.mrrCents * 12 * (r.currency === settings.reportingCurrency ? 1 : rateOf(r.currency, r.month))),
      );
    const trialMap = new Map<string, { started: number; converted: number }>();
    for (const r of keyed(trials)) {
      const t = trialMap.get(r.period) ?? { started: 0, converted: 0 };
      trialMap.set(r.period, { started: t.started + r.started, converted: t.converted + r.converted });
    }
    const st = keyed(start).reduce((a, r) => ({ mrr: a.mrr + r.mrr, customers: a.customers + r.customers }), { mrr: 0, customers: 0 });
    // Costs are the organisation's: a group's series has no margin of its own.
    const groupCosts = key === undefined ? costMap : new Map<string, number>();
    return buildSeries({
      unit,
      periods,
      start: st,
      movements,
      costs: groupCosts,
      newAcvCents: acvMap,
      trials: trialMap,
      monthlyChurn,
      settings,
    });
  };
  let groups: TSeries['groups'];
  if (q.groupBy) {
    const keys = [...new Set([...moves.map((r) => r.groupKey), ...start.map((r) => r.groupKey)])];
    const labels = await groupLabels(
      db,
      orgId,
      q.groupBy,
      keys.filter((k): k is string => k !== null),
    );
    groups = keys
      .map((key) => ({ key, label: key === null ? '' : (labels.get(key) ?? key), periods: seriesFor(key) }))
      .sort((a, b) => (b.periods.at(-1)?.mrr ?? 0) - (a.periods.at(-1)?.mrr ?? 0));
  }
  return { currency: settings.reportingCurrency, by: q.by, periods: seriesFor(undefined), groups, missingRates: [...missing].sort() };
}

/** MRR and customers at the end of the day before `day` (a month's first) from the summary: the months before it, summed. */
function standingOfSummary(summary: readonly TMonthSums[], day: string) {
  const before = summary.filter((r) => r.month < day);
  return {
    groupKey: null,
    mrr: before.reduce((sum, r) => sum + r.mrrDelta, 0),
    customers: before.reduce((sum, r) => sum + r.customersDelta, 0),
  };
}

/** The movement figures of two rows added (only the figures: a row's period and group are not summed). */
function addMovements(a: TMovementCents | undefined, b: TMovementCents): TMovementCents {
  const out = { ...ZERO_MOVEMENTS };
  for (const k of Object.keys(ZERO_MOVEMENTS) as (keyof TMovementCents)[]) out[k] = (a?.[k] ?? 0) + b[k];
  return out;
}
