import type { TDemoContribution } from '../../platform/modules.ts';

/**
 * What the demo organisation shows of playbooks: the five preloaded ones with run logs. The daily run fires renewal
 * at 90 days and low activity over the demo's renewals and usage; onboarding fires for three customers that came in
 * during the month (those already on their journey, so the demo's journeys stay as the journeys module made them).
 * Health turned red and win-back fire from the demo's own churn signals once the worker delivers their events.
 */
export const playbooksDemo: TDemoContribution = {
  async activity({ services, orgId, actors, accountIds, at }) {
    at(1, 8);
    const onJourney: string[] = [];
    for (const accountId of accountIds) {
      if (onJourney.length === 3) break;
      const { current } = await services.journeys.ofAccount(actors.admin, accountId);
      if (current?.status === 'active') onJourney.push(accountId);
    }
    await services.playbooks.evaluate(
      orgId,
      'account_created',
      onJourney.map((accountId) => ({ accountId, causeKey: `account:${accountId}` })),
    );
    at(0, 2);
    await services.playbooks.runDaily(orgId);
  },
};
