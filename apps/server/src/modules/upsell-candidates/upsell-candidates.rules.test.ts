import { describe, expect, it } from 'vitest';
import { findCandidates, mrrDifferenceCents, nextPlanUp, type TRuleLine, type TRulePlan } from './upsell-candidates.rules.ts';

const plan = (id: string, tier: number, fields: Partial<TRulePlan> = {}): TRulePlan => ({
  id,
  productId: 'suite',
  productKind: 'edition',
  tier,
  isFree: false,
  archived: false,
  includedUnits: null,
  maxUnits: null,
  prices: [],
  ...fields,
});
const line = (fields: Partial<TRuleLine>): TRuleLine => ({
  accountId: 'a',
  subscriptionId: 's',
  lineKey: 'L1',
  planId: 'pro',
  quantity: 1,
  currency: 'EUR',
  intervalMonths: 1,
  unitPrice: 199,
  validFrom: '2026-01-01',
  validTo: null,
  paying: true,
  ...fields,
});
const eur = (amount: number, intervalMonths = 1) => [{ currency: 'EUR', intervalMonths, amount }];

describe('upsell rules', () => {
  it('prices the move at list prices, or scales the line’s own price by the list-price ratio when the catalogue lacks its currency', () => {
    const pro = plan('pro', 2, { prices: eur(200) });
    const ent = plan('ent', 3, { prices: eur(600) });
    expect(mrrDifferenceCents(line({ quantity: 2 }), pro, ent)).toBe(80_000);
    expect(mrrDifferenceCents(line({ currency: 'DKK', unitPrice: 1492 }), pro, ent)).toBe(298_400);
    expect(mrrDifferenceCents(line({ intervalMonths: 12 }), pro, ent)).toBeNull();
  });

  it('climbs to the same product’s next tier, skipping free and archived plans', () => {
    const plans = [
      plan('self', 1),
      plan('free', 2, { isFree: true }),
      plan('old', 2, { archived: true }),
      plan('ent', 3),
      plan('x', 2, { productId: 'other' }),
    ];
    expect(nextPlanUp(plans, plans[0] as TRulePlan)?.id).toBe('ent');
    expect(nextPlanUp(plans, plans[3] as TRulePlan)).toBeNull();
  });

  it('counts quantity increases only inside the look-back window and only on running lines', () => {
    const input = (versions: Partial<TRuleLine>[]) =>
      findCandidates({
        today: '2026-11-21',
        since: '2026-05-25',
        limitThresholdPercent: 80,
        accounts: [{ id: 'a', segment: null }],
        plans: [plan('pro', 2)],
        lines: versions.map((v, i, all) => line({ validTo: all[i + 1]?.validFrom ?? null, ...v })),
      });
    expect(input([{ quantity: 1 }, { quantity: 2, validFrom: '2026-06-01' }, { quantity: 3, validFrom: '2026-10-01' }])).toMatchObject([
      { reasons: [{ code: 'growing_quantity', increases: 2 }] },
    ]);
    // The first increase on the window's first day counts; one the day before does not.
    expect(input([{ quantity: 1 }, { quantity: 2, validFrom: '2026-05-25' }, { quantity: 3, validFrom: '2026-10-01' }])).toHaveLength(1);
    expect(input([{ quantity: 1 }, { quantity: 2, validFrom: '2026-05-24' }, { quantity: 3, validFrom: '2026-10-01' }])).toEqual([]);
    expect(
      input([{ quantity: 1 }, { quantity: 2, validFrom: '2026-06-01' }, { quantity: 3, validFrom: '2026-10-01', paying: false }]),
    ).toEqual([]);
  });
});
