import type { TDemoContribution } from '../../platform/modules.ts';

/**
 * What the demo organisation shows of playbooks: the five preloaded ones, fired for real by the demo's own events
 * and daily run (a new account's onboarding, red health, renewals 90 days out, win-backs), so each has a run log.
 */
export const playbooksDemo: TDemoContribution = {
  async activity({ services, orgId, at }) {
    at(0, 2);
    await services.playbooks.runDaily(orgId);
  },
};
