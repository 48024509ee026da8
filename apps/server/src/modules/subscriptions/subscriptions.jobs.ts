import { z } from 'zod';
import type { Db } from '../../platform/db/database.ts';
import { defineJob } from '../../platform/jobs/queue.ts';
import { replayAndStore, type TRecordDeps } from './subscriptions.record.ts';
import { findSubscription, lockSubscription, subscriptionsToRefresh } from './subscriptions.repository.ts';
import { addDays } from './subscriptions.timeline.ts';

export const REFRESH_JOB = 'subscriptions.refresh';

/**
 * Nightly: a subscription's status and today's MRR are stored when it changes; time moves them too (a trial
 * ends, a cancellation takes effect, a discount expires). The refresh replays those whose day came in the last
 * week (a missed night catches up), so lists and filters agree with the history. Metrics need no refresh: they
 * read the dated history.
 */
export function subscriptionJobs(deps: TRecordDeps & { db: Db }) {
  return [
    defineJob({
      name: REFRESH_JOB,
      payload: z.object({}),
      cron: '7 0 * * *',
      maxAttempts: 2,
      handler: async (_p, ctx) => {
        const today = deps.clock.now().toISOString().slice(0, 10);
        const due = await subscriptionsToRefresh(deps.db, today, addDays(today, -7));
        for (const [i, s] of due.entries()) {
          await deps.db.transaction(async (tx) => {
            // Locked like a change locks it: two replays of one subscription at once (a second refresh, a change)
            // would each rewrite its versions and terms.
            await lockSubscription(tx, s.orgId, s.id);
            const sub = await findSubscription(tx, s.orgId, s.id);
            if (sub) await replayAndStore(tx, deps, sub);
          });
          if (i % 100 === 99) await ctx.progress({ done: i + 1, total: due.length });
        }
        return { refreshed: due.length };
      },
    }),
  ];
}
