import i18n from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeChange, mrrText } from './changeText.ts';
import en from './i18n/en.json';
import nl from './i18n/nl.json';
import type { SubscriptionChange } from './types.ts';

const change = (over: Partial<SubscriptionChange>): SubscriptionChange => ({
  id: '00000000-0000-0000-0000-000000000001',
  subscriptionId: '00000000-0000-0000-0000-000000000002',
  subscriptionReference: 'SUB-0001',
  accountId: '00000000-0000-0000-0000-000000000003',
  accountName: 'Acme',
  kind: 'start',
  effectiveDate: '2025-03-01',
  payload: {},
  reasonId: null,
  reasonLabel: null,
  competitorId: null,
  comment: null,
  currency: 'EUR',
  mrrBefore: 0,
  mrrAfter: 0,
  source: 'ui',
  actorName: null,
  createdAt: '2025-03-01T10:00:00Z',
  ...over,
});

beforeAll(async () => {
  await i18n.init({ lng: 'en', resources: { en: { translation: en }, nl: { translation: nl } }, interpolation: { escapeValue: false } });
});

describe('a subscription change as a sentence', () => {
  it('names the plans of an upgrade and the MRR it moved', () => {
    const c = change({
      kind: 'upgrade',
      payload: { op: 'change_plan', display: { fromPlan: 'Professional', toPlan: 'Enterprise' } },
      mrrBefore: 400,
      mrrAfter: 900,
    });
    expect(describeChange(c, i18n.t)).toBe('Upgraded Professional → Enterprise');
    expect(mrrText(c, i18n.t)).toBe('MRR €400.00 → €900.00');
  });

  it('gives the reason and the last day of a cancellation', () => {
    const c = change({ kind: 'cancel_request', payload: { op: 'cancel', endsOn: '2025-05-31' }, reasonLabel: 'Too expensive' });
    expect(describeChange(c, i18n.t)).toBe('Cancellation requested: Too expensive — ends May 31, 2025');
    expect(mrrText(c, i18n.t)).toBeNull();
  });

  it('reads quantity, price and discount changes of a free-text line', () => {
    const q = change({ kind: 'quantity', payload: { op: 'quantity', quantity: 3, display: { description: 'Seats', fromQuantity: 1 } } });
    expect(describeChange(q, i18n.t)).toBe('Quantity of Seats 1 → 3');
    const p = change({ kind: 'price', payload: { op: 'price', unitPrice: 12.5, display: { description: 'Seats', fromUnitPrice: 10 } } });
    expect(describeChange(p, i18n.t)).toBe('Price of Seats €10.00 → €12.50');
    const d = change({
      kind: 'discount_added',
      payload: { op: 'discount', discount: { percent: 20, kind: 'until', until: '2025-12-31' }, display: { description: 'Seats' } },
    });
    expect(describeChange(d, i18n.t)).toBe('Discount of 20 % on Seats until Dec 31, 2025');
  });

  it('speaks the UI language', async () => {
    await i18n.changeLanguage('nl');
    const c = change({ kind: 'start', payload: { op: 'start', lines: [{ description: 'Professional' }] }, mrrAfter: 1234.5 });
    expect(describeChange(c, i18n.t)).toBe('Geabonneerd: Professional');
    expect(mrrText(c, i18n.t)).toMatch(/^MRR €\s0,00 → €\s1\.234,50$/);
    await i18n.changeLanguage('en');
  });
});
