import { describe, expect, it } from 'vitest';
import { DRILLABLE, FIGURES, figureKind, formatRenewalFigure } from './figures.ts';
import type { RenewalPeriod } from './types.ts';

const period = {
  period: '2027-03',
  due: 4,
  dueArr: 48000,
  renewed: 1,
  renewedArr: 10200,
  churned: 0,
  pending: 3,
  downgraded: 1,
  upgraded: 0,
  renewalRateCount: 0.25,
  renewalRateValueGross: 0.2125,
  renewalRateValueNet: 0.2125,
  eligibleChurnRate: 0,
  revenueChurn: 0,
  averageDealValue: 10200,
  winbackOffers: 3,
  winbackWon: 1,
  winbackLost: 2,
  winbackWonArr: 10200,
} satisfies RenewalPeriod;

describe('the renewal report figures', () => {
  it('lists every figure of the period once, the win-back figures last', () => {
    const keys = Object.keys(period).filter((k) => k !== 'period');
    expect([...FIGURES].sort()).toEqual([...keys].sort());
    expect(FIGURES.slice(-4)).toEqual(['winbackOffers', 'winbackWon', 'winbackLost', 'winbackWonArr']);
  });

  it('shows win-back offers, wins and losses as counts and the won ARR as money, without a drill-down', () => {
    expect(['winbackOffers', 'winbackWon', 'winbackLost'].map((f) => formatRenewalFigure(period, f as never, 'EUR'))).toEqual([
      '3',
      '1',
      '2',
    ]);
    expect(figureKind('winbackWonArr')).toBe('money');
    expect(formatRenewalFigure(period, 'winbackWonArr', 'EUR')).toMatch(/10,200/);
    expect(figureKind('renewalRateCount')).toBe('rate');
    expect(DRILLABLE.winbackWon).toBeUndefined();
  });
});
