import { describe, expect, it } from 'vitest';
import { replay, type TChangeOp, type TReplayChange } from '../subscriptions/index.ts';
import { buildSeries, monthsIn, periodsOf, type TMovementCents, trailingChurn, ZERO_MOVEMENTS } from './metrics.engine.ts';
import { type TMetricSettings, ZMetricSettings } from './metrics.schemas.ts';
import { accountMrrChanges, type TAccountLineVersion } from './metrics.timeline.ts';

/** The test vectors of ../shared/METRICS.md ("published examples; exact numbers"), each as its own case. */

const settings: TMetricSettings = { ...ZMetricSettings.parse({}), reportingCurrency: 'USD' };
const noRates = () => 1;
let seq = 0;
const ch = (effectiveDate: string, op: TChangeOp): TReplayChange => ({ id: `c${++seq}`, effectiveDate, seq, op });

/** A subscription's line versions as the account timeline takes them. */
function versionsOf(subscriptionId: string, intervalMonths: number, changes: TReplayChange[], currency = 'USD'): TAccountLineVersion[] {
  return replay({ intervalMonths, freePlanIds: new Set() }, changes, '2030-01-01').versions.map((v) => ({
    ...v,
    subscriptionId,
    currency,
  }));
}
const mrrOn = (versions: TAccountLineVersion[], day: string, s = settings) => {
  let mrr = 0;
  for (const c of accountMrrChanges(versions, s, noRates)) if (c.effectiveDate <= day) mrr = c.mrrAfterCents;
  return mrr;
};

describe('METRICS.md vectors 1–5: ChartMogul’s Syncalytics', () => {
  const gold = versionsOf('gold', 12, [
    ch('2024-01-01', {
      op: 'start',
      lines: [{ planId: null, description: 'Gold', quantity: 4, unitPrice: 500 }],
      termEnd: '2024-12-31',
      autoRenew: true,
    }),
    ch('2024-06-10', { op: 'cancel', endsOn: '2024-12-31' }),
  ]);
  const silver = versionsOf('silver', 1, [
    ch('2024-01-05', { op: 'start', lines: [{ planId: null, description: 'Silver', quantity: 2, unitPrice: 30 }] }),
    ch('2024-03-15', { op: 'end' }),
  ]);
  const goldAgain = versionsOf('gold-monthly', 1, [
    ch('2025-03-01', { op: 'start', lines: [{ planId: null, description: 'Gold', quantity: 3, unitPrice: 50 }] }),
  ]);
  const changes = accountMrrChanges([...gold, ...silver, ...goldAgain], settings, noRates);

  it('1: 4 Gold yearly billed $2,000 is new MRR $166.67', () => {
    expect(changes[0]).toMatchObject({
      effectiveDate: '2024-01-01',
      mrrBeforeCents: 0,
      mrrAfterCents: 16_667,
      activeBefore: false,
      activeAfter: true,
      lastActiveOn: null,
    });
  });
  it('2: adding 2 Silver monthly is expansion $60', () => {
    expect(changes[1]).toMatchObject({ effectiveDate: '2024-01-05', mrrAfterCents: 16_667 + 6_000 });
  });
  it('3: cancelling Silver while Gold runs is contraction $60, not churn', () => {
    expect(changes[2]).toMatchObject({ effectiveDate: '2024-03-15', mrrBeforeCents: 22_667, mrrAfterCents: 16_667, activeAfter: true });
  });
  it('4: cancelling Gold churns $166.67 at the end of the paid year, not at the request', () => {
    expect(changes[3]).toMatchObject({ effectiveDate: '2025-01-01', mrrBeforeCents: 16_667, mrrAfterCents: 0, activeAfter: false });
    expect(mrrOn([...gold], '2024-06-10')).toBe(16_667);
  });
  it('5: re-subscribing to 3 Gold monthly is a reactivation of $150', () => {
    expect(changes[4]).toMatchObject({
      effectiveDate: '2025-03-01',
      mrrBeforeCents: 0,
      mrrAfterCents: 15_000,
      activeBefore: false,
      lastActiveOn: '2024-12-31',
    });
  });
});

/** One period's figures from its movements (cents) and standing at the start. */
function period(start: { mrr: number; customers: number }, m: Partial<TMovementCents>) {
  const periods = periodsOf('2024-01-01', '2024-01-31', 'month');
  const [p] = buildSeries({
    unit: 'month',
    periods,
    start,
    movements: new Map([['2024-01-01', { ...ZERO_MOVEMENTS, ...m }]]),
    costs: new Map(),
    newAcvCents: new Map(),
    trials: new Map(),
    monthlyChurn: new Map(),
    settings,
  });
  if (!p) throw new Error('no period');
  return p;
}

describe('METRICS.md rates', () => {
  it('6: start $100, churn $10, contraction $10, expansion $10 → gross MRR churn 20%, net 10%', () => {
    const p = period(
      { mrr: 10_000, customers: 10 },
      { churn: 1_000, churnN: 1, contraction: 1_000, contractionN: 1, expansion: 1_000, expansionN: 1 },
    );
    expect(p.grossMrrChurnRate).toBeCloseTo(0.2, 10);
    expect(p.netMrrChurnRate).toBeCloseTo(0.1, 10);
    expect(p.mrr).toBe(90);
  });
  it('9: 100 customers, 11 cancel of whom 1 joined this month → customer churn 10% (join-and-churn left out)', () => {
    // The customer who joined and left within the month is not a customer at either end: only the 10 count.
    const p = period({ mrr: 1_000_000, customers: 100 }, { churnN: 10, churn: 100_000, joinAndChurnN: 1 });
    expect(p.customerChurnRate).toBeCloseTo(0.1, 10);
    const included = buildSeries({
      unit: 'month',
      periods: periodsOf('2024-01-01', '2024-01-31', 'month'),
      start: { mrr: 1_000_000, customers: 100 },
      movements: new Map([['2024-01-01', { ...ZERO_MOVEMENTS, churnN: 10, churn: 100_000, joinAndChurnN: 1 }]]),
      costs: new Map(),
      newAcvCents: new Map(),
      trials: new Map(),
      monthlyChurn: new Map(),
      settings: { ...settings, joinAndChurn: 'include' },
    });
    expect(included[0]?.customerChurnRate).toBeCloseTo(0.11, 10);
  });
  it('10: 100 at start, 12 churned of whom 1 reactivated and 1 joined in the period → (12 − 1 − 1) ÷ 100 = 10%', () => {
    // Read at the period's ends: the reactivated one is still a customer, the one who joined was not one at the start.
    const p = period({ mrr: 1_000_000, customers: 100 }, { churnN: 10, churn: 100_000, joinAndChurnN: 1 });
    expect(p.customerChurnRate).toBeCloseTo(0.1, 10);
  });
  it('11: customers paying $100, $100, $300, $500, $500 → ARPA $300', () => {
    const p = period({ mrr: 0, customers: 0 }, { new: 150_000, newN: 5 });
    expect(p.arpa).toBe(300);
  });
  it('12: ARPA $100 with 6-month trailing churn 5% → LTV $2,000', () => {
    const monthly = new Map(['2023-07-01', '2023-08-01', '2023-09-01', '2023-10-01', '2023-11-01', '2023-12-01'].map((m) => [m, 0.05]));
    expect(trailingChurn(monthly, '2024-01-01', 6)).toBeCloseTo(0.05, 10);
    const [p] = buildSeries({
      unit: 'month',
      periods: periodsOf('2024-01-01', '2024-01-31', 'month'),
      start: { mrr: 100_000, customers: 10 },
      movements: new Map(),
      costs: new Map([['2024-01-01', 25_000]]),
      newAcvCents: new Map(),
      trials: new Map(),
      monthlyChurn: monthly,
      settings,
    });
    expect(p?.ltv).toBe(2000);
    // CLV with gross margin: revenue 1,000, cost 250 → 75% → 100 × 0.75 ÷ 0.05 = 1,500.
    expect(p?.grossMarginPct).toBeCloseTo(0.75, 10);
    expect(p?.clv).toBe(1500);
  });
  it('19: $1M ARR, churn −$25K, contraction −$25K, expansion +$150K over a quarter → NRR 110%, GRR 95%', () => {
    const [p] = buildSeries({
      unit: 'quarter',
      periods: periodsOf('2024-01-01', '2024-03-31', 'quarter'),
      start: { mrr: 1_000_000_00 / 12, customers: 100 },
      movements: new Map([
        ['2024-01-01', { ...ZERO_MOVEMENTS, churn: 25_000_00 / 12, contraction: 25_000_00 / 12, expansion: 150_000_00 / 12 }],
      ]),
      costs: new Map(),
      newAcvCents: new Map(),
      trials: new Map(),
      monthlyChurn: new Map(),
      settings,
    });
    expect(p?.nrr).toBeCloseTo(1.1, 10);
    expect(p?.grr).toBeCloseTo(0.95, 10);
    expect(monthsIn({ from: '2024-01-01', to: '2024-03-31' })).toBe(3);
  });
});

describe('METRICS.md MRR of a subscription', () => {
  it('13: 5 subscribers × $5/mo → MRR $25, ARR $300; then 2 more × $30 → $85', () => {
    const subs = [1, 2, 3, 4, 5].flatMap((i) =>
      versionsOf(`s${i}`, 1, [
        ch('2024-01-01', { op: 'start', lines: [{ planId: null, description: 'Basic', quantity: 1, unitPrice: 5 }] }),
      ]),
    );
    expect(mrrOn(subs, '2024-01-31')).toBe(2_500);
    const more = [6, 7].flatMap((i) =>
      versionsOf(`s${i}`, 1, [
        ch('2024-02-01', { op: 'start', lines: [{ planId: null, description: 'Pro', quantity: 1, unitPrice: 30 }] }),
      ]),
    );
    expect(mrrOn([...subs, ...more], '2024-02-01')).toBe(8_500);
  });
  it('14: a $120 annual plan is $10 MRR for 12 months', () => {
    const v = versionsOf('a', 12, [
      ch('2024-01-01', {
        op: 'start',
        lines: [{ planId: null, description: 'Annual', quantity: 1, unitPrice: 120 }],
        termEnd: '2024-12-31',
        autoRenew: false,
      }),
    ]);
    expect(mrrOn(v, '2024-01-01')).toBe(1_000);
    expect(mrrOn(v, '2024-12-31')).toBe(1_000);
    expect(mrrOn(v, '2025-01-01')).toBe(0);
  });
  it('15: $10/mo with a 50% lasting discount is $5 MRR', () => {
    const v = versionsOf('d', 1, [
      ch('2024-01-01', {
        op: 'start',
        lines: [{ planId: null, description: 'Plan', quantity: 1, unitPrice: 10, discount: { percent: 50, kind: 'lasting' } }],
      }),
    ]);
    expect(mrrOn(v, '2024-06-01')).toBe(500);
    expect(mrrOn(v, '2024-06-01', { ...settings, discounts: 'ignore' })).toBe(1_000);
  });
  it('18: $10 plan signed 15 Apr, cancel request 8 Jun (paid to 14 Jun) → churn −$10 on 15 Jun', () => {
    const v = versionsOf('c', 1, [
      ch('2024-04-15', { op: 'start', lines: [{ planId: null, description: 'Plan', quantity: 1, unitPrice: 10 }] }),
      ch('2024-06-08', { op: 'cancel', endsOn: '2024-06-14' }),
    ]);
    const changes = accountMrrChanges(v, settings, noRates);
    expect(changes.at(-1)).toMatchObject({ effectiveDate: '2024-06-15', mrrBeforeCents: 1_000, mrrAfterCents: 0 });
    const atRequest = accountMrrChanges(v, { ...settings, churnRecognised: 'request' }, noRates, new Map([['c', '2024-06-08']]));
    expect(atRequest.at(-1)).toMatchObject({ effectiveDate: '2024-06-08', mrrAfterCents: 0 });
  });
  it('20: $1,200/yr → $100 MRR; a 50% lasting discount → $50; a one-time discount has no effect', () => {
    const v = versionsOf('y', 12, [
      ch('2024-01-01', { op: 'start', lines: [{ planId: null, description: 'Yearly', quantity: 1, unitPrice: 1200 }] }),
      ch('2024-04-01', { op: 'discount', lineKey: 'L1', discount: { percent: 50, kind: 'lasting' } }),
    ]);
    expect(mrrOn(v, '2024-01-15')).toBe(10_000);
    expect(mrrOn(v, '2024-04-01')).toBe(5_000);
    const once = versionsOf('o', 12, [
      ch('2024-01-01', { op: 'start', lines: [{ planId: null, description: 'Yearly', quantity: 1, unitPrice: 1200 }] }),
      ch('2024-04-01', { op: 'discount', lineKey: 'L1', discount: { percent: 30, kind: 'once' } }),
    ]);
    expect(mrrOn(once, '2024-04-01')).toBe(10_000);
  });
  it('a discount until a date is contraction when added and expansion the day after it ends', () => {
    const v = versionsOf('u', 1, [
      ch('2024-01-01', { op: 'start', lines: [{ planId: null, description: 'Plan', quantity: 2, unitPrice: 100 }] }),
      ch('2024-02-01', { op: 'discount', lineKey: 'L1', discount: { percent: 25, kind: 'until', until: '2024-04-30' } }),
    ]);
    const c = accountMrrChanges(v, settings, noRates);
    expect(c.map((x) => [x.effectiveDate, x.mrrAfterCents])).toEqual([
      ['2024-01-01', 20_000],
      ['2024-02-01', 15_000],
      ['2024-05-01', 20_000],
    ]);
  });
});

describe('terms', () => {
  it('an auto-renewing yearly term that ended has renewed itself: the current term contains today', async () => {
    const { currentTerm } = await import('../subscriptions/index.ts');
    expect(currentTerm('2023-03-15', '2024-03-14', true, '2026-12-03')).toEqual({ termStart: '2026-03-15', termEnd: '2027-03-14' });
    expect(currentTerm('2023-03-15', '2024-03-14', false, '2026-12-03')).toEqual({ termStart: '2023-03-15', termEnd: '2024-03-14' });
    expect(currentTerm('2026-01-01', '2026-12-31', true, '2026-12-03')).toEqual({ termStart: '2026-01-01', termEnd: '2026-12-31' });
  });
});
