import type { TDemoContribution } from '../../platform/modules.ts';

/**
 * The demo organisation's health: a few CSM pulses two days back, then every account scored with the default
 * scorecard, so the Health tab has something to explain on first start.
 */
export const healthDemo: TDemoContribution = {
  async activity({ services, actors, accountIds, orgId, at }) {
    at(2, 10);
    const reasons = ['Champion left; new contact not engaged yet', 'Quarterly review went well', 'Budget under review for next year'];
    for (const [i, accountId] of accountIds.slice(0, 3).entries())
      await services.health.addPulse(actors.vp, accountId, { value: [35, 85, 55][i] as number, reason: reasons[i] as string });
    at(0, 9);
    await services.health.recompute(orgId);
  },
};
