import { describe, expect, it } from 'vitest';
import { changeRowsToSubscriptions, type TChangeRow } from './subscriptions.changes-import.ts';

const row = (n: number, over: Partial<TChangeRow>): TChangeRow => ({
  rowNumber: n,
  customerId: 'C1',
  subscriptionId: null,
  effectiveDate: '2025-01-01',
  change: 'start',
  planId: null,
  planLabel: null,
  quantity: null,
  unitPrice: null,
  currency: 'EUR',
  intervalMonths: null,
  discountPercent: null,
  comment: null,
  changeId: null,
  ...over,
});

describe('changes-form rows to subscriptions', () => {
  it('groups by customer and subscription id, orders by day, maps each kind to its operation with a stable id', () => {
    const rows = [
      row(4, { effectiveDate: '2025-06-01', change: 'cancel', comment: 'Too expensive' }),
      row(2, { unitPrice: 100, quantity: 2, intervalMonths: 12 }),
      row(3, { effectiveDate: '2025-03-01', change: 'discount', discountPercent: 10 }),
      row(5, { customerId: 'C2', subscriptionId: 'S9', change: 'start', unitPrice: 5, changeId: 'X-1' }),
    ];
    const subs = changeRowsToSubscriptions(rows);
    expect(subs.map((s) => [s.externalId, s.intervalMonths, s.rowNumbers])).toEqual([
      ['changes:C1:1', 12, [2, 3, 4]],
      ['changes:C2:S9', 1, [5]],
    ]);
    expect(subs[0]?.changes).toEqual([
      {
        externalId: 'changes:C1:1:2025-01-01:start',
        kind: 'start',
        effectiveDate: '2025-01-01',
        op: {
          op: 'start',
          lines: [{ key: 'L1', planId: null, description: 'Subscription', quantity: 2, unitPrice: 100 }],
          termEnd: null,
          autoRenew: true,
          trialEnd: null,
        },
        comment: null,
      },
      {
        externalId: 'changes:C1:1:2025-03-01:discount',
        kind: 'discount_added',
        effectiveDate: '2025-03-01',
        op: { op: 'discount', lineKey: 'L1', discount: { percent: 10, kind: 'lasting' } },
        comment: null,
      },
      {
        externalId: 'changes:C1:1:2025-06-01:cancel',
        kind: 'cancel_request',
        effectiveDate: '2025-06-01',
        op: { op: 'cancel', endsOn: '2025-05-31' },
        comment: 'Too expensive',
      },
    ]);
    expect(subs[1]?.changes[0]?.externalId).toBe('X-1');
    // The same rows in another order give the same subscriptions (a re-import changes nothing).
    const byId = (list: typeof subs) => [...list].sort((a, b) => a.externalId.localeCompare(b.externalId));
    expect(byId(changeRowsToSubscriptions([...rows].reverse()))).toEqual(byId(subs));
  });
});
