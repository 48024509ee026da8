import type { TDemoContribution } from '../../platform/modules.ts';

/**
 * The demo team's capacity: the customer success managers and the VP count in customer success, the customer success
 * engineers in professional services, each with the hours a week they have for customer work; and the team's cost
 * per month, so CS spend shows against the 12 % of ACV.
 */
export const capacityPlansDemo: TDemoContribution = {
  async activity({ services, actors, people, at }) {
    at(1, 15);
    const svc = services.capacityPlans;
    for (const actor of people.values()) {
      if (actor.role === 'csm') await svc.putPerson(actors.admin, actor.userId, { team: 'customer_success', hoursPerWeek: 30 });
      else if (actor.role === 'vp_cs') await svc.putPerson(actors.admin, actor.userId, { team: 'customer_success', hoursPerWeek: 8 });
      else if (actor.role === 'cse') await svc.putPerson(actors.admin, actor.userId, { team: 'professional_services', hoursPerWeek: 24 });
    }
    await svc.updateSettings(actors.admin, { teamCostPerMonth: 3_600 });
  },
};
