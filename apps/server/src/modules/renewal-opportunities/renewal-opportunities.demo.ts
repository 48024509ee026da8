import type { TDemoContribution } from '../../platform/modules.ts';
import { dayOf } from './renewal-opportunities.days.ts';
import { OPEN_STAGES, RENEWAL_STAGES, type TRenewalStage } from './renewal-opportunities.schemas.ts';

/** The stages a demo renewal walks through to reach `to`, one after the other (as a CSM moves it). */
function pathTo(to: TRenewalStage): TRenewalStage[] {
  const open = OPEN_STAGES.indexOf(to as (typeof OPEN_STAGES)[number]);
  if (open >= 0) return OPEN_STAGES.slice(1, open + 1);
  if (to === 'churned') return ['contacted', 'churned'];
  return [...OPEN_STAGES.slice(1), to];
}

const REASONS: Partial<Record<TRenewalStage, string>> = {
  renewed: 'Renewed for another year at the current price',
  downgraded: 'Fewer seats after their reorganisation',
  churned: 'Moved to a competitor after a price review',
};

/**
 * The demo's renewal pipeline: the daily run three weeks ago and today (so the renewals due in the next 90 days are
 * open and their reminders, the owners' and the customers', are in the outbox and the bell), then the team works them into every stage.
 */
export const renewalOpportunitiesDemo: TDemoContribution = {
  async activity({ services, orgId, actors, at, advance, clock }) {
    const svc = services.renewalOpportunities;
    // The customers' billing and decision-maker contacts hear about their renewal too (reminders, confirmations).
    at(22, 10);
    await svc.updateSettings(actors.admin, { customerEmails: true });
    at(21, 2);
    await svc.runDaily(orgId);
    at(0, 2);
    await svc.runDaily(orgId);
    const query = {
      status: 'open' as const,
      sort: 'dueOn' as const,
      order: 'asc' as const,
      page: 1,
      pageSize: 200,
      stage: [],
      category: [],
      ownerUserId: [],
    };
    const targets: TRenewalStage[] = [...RENEWAL_STAGES.slice(1), ...RENEWAL_STAGES.slice(1, 4)];
    // Left upcoming: three for the quotes' demo (accepted, sent, awaiting approval) and three for the board's first column.
    const KEPT_UPCOMING = 6;
    // Enough renewals to show every stage and keep some upcoming: the CSMs open the next ones by hand, early.
    let upcoming = (await svc.list(actors.vp, query)).items;
    if (upcoming.length < targets.length + KEPT_UPCOMING) {
      at(16, 9);
      const subs = await services.subscriptions.list(actors.vp, {
        page: 1,
        pageSize: 100,
        sort: 'termEnd',
        order: 'asc',
        status: ['active'],
      });
      for (const sub of subs.items) {
        if (upcoming.length >= targets.length + KEPT_UPCOMING) break;
        if (!sub.termEnd || sub.termEnd <= dayOf(clock.now())) continue;
        if (upcoming.some((r) => r.subscriptionId === sub.id)) continue;
        const opened = await svc.openNow(actors.vp, sub.id).catch(() => null);
        if (opened && opened.stage === 'upcoming') upcoming = [...upcoming, opened];
      }
    }
    upcoming = upcoming.filter((r) => r.stage === 'upcoming');
    for (const [i, to] of targets.entries()) {
      const item = upcoming[i];
      if (!item) break;
      at(14 - i, 9 + (i % 6));
      for (const stage of pathTo(to)) {
        await svc.update(actors.vp, item.id, { stage, ...(REASONS[stage] ? { closeReason: REASONS[stage] } : {}) });
        advance(26 * 3600_000);
      }
    }
  },
};
