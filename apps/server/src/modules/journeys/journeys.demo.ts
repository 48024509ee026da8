import type { TDemoContribution } from '../../platform/modules.ts';
import { addDaysTo } from './journeys.plan.ts';

type TWho = 'csm' | 'cse' | 'vp';

/** The documents' challenges and issues per milestone (seed 003), logged on the demo's journeys. */
const LOGS: Record<string, { kind: 'challenge' | 'issue'; body: string; who: TWho }[]> = {
  technical_setup: [
    { kind: 'challenge', body: 'Subdomain takes time', who: 'cse' },
    { kind: 'issue', body: 'Blog migration is slow', who: 'cse' },
  ],
  active: [{ kind: 'challenge', body: 'Website form tech skills', who: 'csm' }],
  initial_value: [{ kind: 'challenge', body: 'Alignment on attribution', who: 'csm' }],
  full_speed: [{ kind: 'challenge', body: 'Create enough content', who: 'csm' }],
  achievement: [{ kind: 'challenge', body: 'Missed quarterly lead goal', who: 'csm' }],
  renewal: [{ kind: 'issue', body: 'Waiting too long to renew', who: 'vp' }],
};

/**
 * A dozen journeys in every state: started weeks ago, the first `done` milestones complete, `ticks` outcomes of the
 * next one ticked; a milestone left open past its due day goes late. One is complete, one was replaced by a new start, one stopped.
 */
const PLAN: { weeksAgo: number; done: number; ticks: number; replaced?: boolean; stopped?: boolean }[] = [
  { weeksAgo: 0, done: 0, ticks: 1 },
  { weeksAgo: 2, done: 0, ticks: 2 },
  { weeksAgo: 3, done: 1, ticks: 1 },
  { weeksAgo: 6, done: 1, ticks: 0 },
  { weeksAgo: 7, done: 2, ticks: 1 },
  { weeksAgo: 9, done: 3, ticks: 2 },
  { weeksAgo: 12, done: 3, ticks: 0 },
  { weeksAgo: 20, done: 4, ticks: 1 },
  { weeksAgo: 33, done: 4, ticks: 0 },
  { weeksAgo: 49, done: 5, ticks: 1 },
  { weeksAgo: 53, done: 6, ticks: 0 },
  { weeksAgo: 5, done: 1, ticks: 2, replaced: true },
  { weeksAgo: 4, done: 0, ticks: 1, stopped: true },
];

/** What the demo organisation shows of journeys: the default Customer365 journey on a dozen accounts, with their logs. */
export const journeysDemo: TDemoContribution = {
  async activity({ services, actors, accountIds, at, clock, orgId }) {
    if (!accountIds.length) return;
    at(1, 11);
    const today = addDaysTo(clock.now().toISOString().slice(0, 10), 1); // at(1, …) is the day before the demo's today
    const day = (weeksAgo: number) => addDaysTo(today, -weeksAgo * 7);
    const svc = services.journeys;
    for (const [i, p] of PLAN.entries()) {
      const accountId = accountIds[(i * 5 + 2) % accountIds.length] as string;
      if (p.replaced) await svc.start(actors.vp, accountId, { startedOn: day(p.weeksAgo + 52) });
      const journey = await svc.start(actors.vp, accountId, { startedOn: day(p.weeksAgo) });
      for (const [n, milestone] of journey.milestones.entries()) {
        if (n > p.done) break;
        for (const [k, entry] of (LOGS[milestone.key] ?? []).entries()) {
          if ((i + k) % 3 === 2) continue;
          const logged = await svc.addLogEntry(actors[entry.who], milestone.id, { kind: entry.kind, body: entry.body });
          if (n < p.done) await svc.updateLogEntry(actors[entry.who], logged.id, { state: 'resolved' });
        }
        const items = n < p.done ? milestone.checklist : milestone.checklist.slice(0, p.ticks);
        for (const item of items) await svc.setChecklistItemDone(n === 0 ? actors.cse : actors.csm, item.id, true);
      }
      if (p.stopped) await svc.stop(actors.vp, journey.id, 'stopped');
    }
    // The night's job has run: the milestones open past their day are late.
    at(0, 2);
    await svc.markLate(orgId);
  },
};
