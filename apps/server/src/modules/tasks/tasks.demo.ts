import type { TDemoContribution } from '../../platform/modules.ts';
import type { TTask } from './tasks.schemas.ts';

const DAY = 86_400_000;

/** The demo team's tasks: who, what, due in how many days from the demo's today (negative: late), and its state. */
const PLAN: {
  who: 'csm' | 'cse' | 'vp' | 'admin';
  title: string;
  due: number | null;
  priority?: TTask['priority'];
  done?: boolean;
  snooze?: number;
  comment?: string;
}[] = [
  {
    who: 'csm',
    title: 'Call the new champion and book a kick-off',
    due: -3,
    priority: 'high',
    comment: 'Left a voicemail; trying again on Thursday',
  },
  { who: 'csm', title: 'Prepare the renewal proposal', due: -1, priority: 'high' },
  { who: 'csm', title: 'Quarterly business review: agree the agenda', due: 0 },
  { who: 'csm', title: 'Send the onboarding tips for week 4', due: 2 },
  { who: 'csm', title: 'Check the CRM integration went live', due: 4, priority: 'high' },
  { who: 'csm', title: 'Ask for a reference case', due: 12, priority: 'low' },
  { who: 'csm', title: 'Follow up on the price question', due: 9, snooze: 6 },
  { who: 'csm', title: 'Confirm the training dates', due: -6, done: true },
  { who: 'cse', title: 'Review the API error rate with their developers', due: 1 },
  { who: 'cse', title: 'Set up the single sign-on', due: -2, priority: 'high', comment: 'Waiting for their identity provider metadata' },
  { who: 'cse', title: 'Migrate the legacy workflows', due: 15 },
  { who: 'vp', title: 'Executive sponsor call before the renewal', due: 5, priority: 'high' },
  { who: 'vp', title: 'Approve the success plan', due: null },
  { who: 'admin', title: 'Clean up duplicate contacts', due: 3, priority: 'low' },
];

/**
 * What the demo organisation shows of tasks: the team's inboxes with late, today's, this week's, later and
 * undated tasks, a snoozed one, one done and a few comments (made through the service the day before).
 */
export const tasksDemo: TDemoContribution = {
  async activity({ services, actors, accountIds, at, clock }) {
    if (!accountIds.length) return;
    at(1, 9);
    const today = clock.now().getTime() + DAY; // at(1, …) is the day before the demo’s today
    const day = (offset: number) => new Date(today + offset * DAY).toISOString().slice(0, 10);
    for (const [i, p] of PLAN.entries()) {
      const accountId = accountIds[(i * 3) % accountIds.length] as string;
      const actor = actors[p.who];
      const task = await services.tasks.create(actors.vp, accountId, {
        title: p.title,
        ownerUserId: actor.userId,
        dueOn: p.due === null ? null : day(p.due),
        priority: p.priority ?? 'normal',
      });
      if (p.comment) await services.tasks.comment(actor, task.id, p.comment);
      if (p.snooze) await services.tasks.update(actor, task.id, { snoozedUntil: day(p.snooze) });
      if (p.done) await services.tasks.update(actor, task.id, { status: 'done' });
    }
  },
};
