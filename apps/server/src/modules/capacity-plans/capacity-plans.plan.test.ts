import { describe, expect, it } from 'vitest';
import { mondayOf, planCapacity, teamOfRole } from './capacity-plans.plan.ts';

const settings = { lowEffortHours: 2, mediumEffortHours: 6, highEffortHours: 16, renewalHours: 4, upsellCsHours: 3, upsellPsHours: 8 };
const capacity = { customer_success: 10, professional_services: 5 };

describe('planCapacity', () => {
  it('spreads a milestone over the weeks it runs, by its effort and its role’s team', () => {
    // Wednesday 2026-11-18: the first week starts on Monday the 16th.
    const weeks = planCapacity({
      today: '2026-11-18',
      weeks: 4,
      settings,
      milestones: [{ startsOn: '2026-11-16', dueOn: '2026-11-29', effort: 'high', responsibleRole: 'cse' }],
      renewalDueDays: [],
      upsellCandidates: 0,
      capacity,
    });
    expect(weeks.map((w) => w.weekStart)).toEqual(['2026-11-16', '2026-11-23', '2026-11-30', '2026-12-07']);
    expect(weeks.map((w) => w.demand.professional_services.milestones)).toEqual([8, 8, 0, 0]);
    expect(weeks.map((w) => w.over.professional_services)).toEqual([true, true, false, false]);
    expect(weeks.map((w) => w.demand.customer_success.total)).toEqual([0, 0, 0, 0]);
  });

  it('puts a late milestone in this week, a renewal over its last 90 days, an upsell over four weeks', () => {
    const weeks = planCapacity({
      today: '2026-11-16',
      weeks: 3,
      settings,
      milestones: [{ startsOn: '2026-10-01', dueOn: '2026-11-01', effort: 'medium', responsibleRole: 'csm' }],
      // Due in 14 days: its work runs from today (later than 90 days before) to its due week, three weeks.
      renewalDueDays: ['2026-11-30'],
      upsellCandidates: 2,
      capacity,
    });
    expect(weeks.map((w) => w.demand.customer_success.milestones)).toEqual([6, 0, 0]);
    expect(weeks.map((w) => w.demand.customer_success.renewals)).toEqual([1.3, 1.3, 1.3]);
    expect(weeks.map((w) => w.demand.customer_success.upsells)).toEqual([1.5, 1.5, 1.5]);
    expect(weeks.map((w) => w.demand.professional_services.upsells)).toEqual([4, 4, 4]);
    expect(weeks[0]?.demand.customer_success.total).toBe(8.8);
    expect(weeks[0]?.over).toEqual({ customer_success: false, professional_services: false });
  });

  it('counts only the hours inside the horizon of a long milestone', () => {
    const weeks = planCapacity({
      today: '2026-11-16',
      weeks: 2,
      settings,
      milestones: [{ startsOn: '2026-11-16', dueOn: '2027-02-07', effort: 'low', responsibleRole: null }],
      renewalDueDays: [],
      upsellCandidates: 0,
      capacity,
    });
    // 12 weeks, 2 hours: 0.17 a week.
    expect(weeks.map((w) => w.demand.customer_success.milestones)).toEqual([0.2, 0.2]);
  });

  it('maps roles to teams and days to their Monday', () => {
    expect([teamOfRole('cse'), teamOfRole('csm'), teamOfRole(null)]).toEqual([
      'professional_services',
      'customer_success',
      'customer_success',
    ]);
    expect([mondayOf('2026-11-22'), mondayOf('2026-11-23')]).toEqual(['2026-11-16', '2026-11-23']);
  });
});
