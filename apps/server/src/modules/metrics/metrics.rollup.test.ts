import { describe, expect, it } from 'vitest';
import { periodMovements, primaryPlan, subscriptionFacts } from './metrics.rollup.ts';
import type { TAccountLineVersion } from './metrics.timeline.ts';

const version = (v: Partial<TAccountLineVersion>): TAccountLineVersion => ({
  subscriptionId: 's1',
  lineKey: 'L1',
  planId: null,
  currency: 'EUR',
  validFrom: '2024-01-01',
  validTo: null,
  mrrCents: 0,
  mrrUndiscountedCents: 0,
  discountPercent: 0,
  trial: false,
  free: false,
  ...v,
});

describe('the projection summaries', () => {
  it("take a period's start from its first change and its end from its last", () => {
    const rows = periodMovements([
      { effectiveDate: '2024-01-10', mrrBeforeCents: 0, mrrAfterCents: 100, activeBefore: false, activeAfter: true, lastActiveOn: null },
      { effectiveDate: '2024-01-20', mrrBeforeCents: 100, mrrAfterCents: 0, activeBefore: true, activeAfter: false, lastActiveOn: null },
      {
        effectiveDate: '2024-03-05',
        mrrBeforeCents: 0,
        mrrAfterCents: 50,
        activeBefore: false,
        activeAfter: true,
        lastActiveOn: '2024-01-19',
      },
    ]);
    expect(rows.filter((r) => r.unit === 'month')).toEqual([
      {
        unit: 'month',
        period: '2024-01-01',
        mrrStartCents: 0,
        mrrEndCents: 0,
        activeStart: false,
        activeEnd: false,
        gapDays: null,
        wasActive: true,
      },
      {
        unit: 'month',
        period: '2024-03-01',
        mrrStartCents: 0,
        mrrEndCents: 50,
        activeStart: false,
        activeEnd: true,
        gapDays: 46,
        wasActive: true,
      },
    ]);
    // The quarter holds all three changes: it starts at nothing and ends at 50, a customer who joined, left and came back.
    expect(rows.filter((r) => r.unit === 'quarter')).toEqual([
      {
        unit: 'quarter',
        period: '2024-01-01',
        mrrStartCents: 0,
        mrrEndCents: 50,
        activeStart: false,
        activeEnd: true,
        gapDays: null,
        wasActive: true,
      },
    ]);
    expect(rows.filter((r) => r.unit === 'year').map((r) => r.period)).toEqual(['2024-01-01']);
  });

  it("note a subscription's first paying day, its MRR then and its trial", () => {
    const facts = subscriptionFacts([
      version({ validFrom: '2024-01-01', validTo: '2024-01-15', trial: true, mrrCents: 1000 }),
      version({ validFrom: '2024-01-15', validTo: null, mrrCents: 1000 }),
      version({ lineKey: 'L2', validFrom: '2024-01-15', validTo: '2024-02-01', mrrCents: 500 }),
      version({ subscriptionId: 's2', validFrom: '2024-02-01', validTo: null, mrrCents: 0, trial: true }),
    ]);
    expect(facts).toEqual([
      {
        subscriptionId: 's1',
        currency: 'EUR',
        firstPaidOn: '2024-01-15',
        firstPaidMrrCents: 1500,
        trialStartedOn: '2024-01-01',
        trialEndedOn: '2024-01-15',
        paid: true,
      },
      {
        subscriptionId: 's2',
        currency: 'EUR',
        firstPaidOn: null,
        firstPaidMrrCents: null,
        trialStartedOn: '2024-02-01',
        trialEndedOn: null,
        paid: false,
      },
    ]);
  });

  it('segment an account by the plan of its biggest line among its latest versions, open ones first', () => {
    const old = version({ planId: 'ent', validFrom: '2023-01-01', validTo: '2024-01-01', mrrCents: 9000 });
    const open = [version({ planId: 'pro', mrrCents: 300 }), version({ lineKey: 'L2', planId: 'addon', mrrCents: 100 })];
    expect(primaryPlan([old, ...open])).toBe('pro');
    expect(primaryPlan([old])).toBe('ent');
    // Equal MRR: the first subscription, then the first line, whatever the order they come in.
    const tie = [
      version({ subscriptionId: 's2', planId: 'b', mrrCents: 300 }),
      version({ subscriptionId: 's1', planId: 'a', mrrCents: 300 }),
    ];
    expect(primaryPlan(tie)).toBe('a');
    expect(primaryPlan([...tie].reverse())).toBe('a');
    expect(primaryPlan([])).toBeNull();
  });
});
