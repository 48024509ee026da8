import { describe, expect, it } from 'vitest';
import { winbackAllowed } from './winback.ts';

const renewal = { id: 'r1', category: 'renew', stage: 'upcoming', riskReasons: [] as string[], closedAt: null };

describe('winbackAllowed', () => {
  it('offers a win-back for a churn-risk or churned renewal, red health or a cancel request', () => {
    expect(winbackAllowed({ ...renewal, category: 'churn_risk' })).toBe(true);
    expect(winbackAllowed({ ...renewal, stage: 'churned', closedAt: '2027-01-01' })).toBe(true);
    expect(winbackAllowed({ ...renewal, riskReasons: ['health_red'] })).toBe(true);
    expect(winbackAllowed({ ...renewal, riskReasons: ['cancel_requested'] })).toBe(true);
  });

  it('not for a renewal whose only risks do not threaten churn (no owner, yellow health)', () => {
    expect(winbackAllowed(renewal)).toBe(false);
    expect(winbackAllowed({ ...renewal, riskReasons: ['no_owner', 'health_yellow'] })).toBe(false);
  });
});
