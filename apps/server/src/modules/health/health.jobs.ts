import { z } from 'zod';
import type { Db } from '../../platform/db/database.ts';
import { defineJob } from '../../platform/jobs/queue.ts';
import { organisationsToRecompute } from './health.repository.ts';
import type { HealthService } from './health.service.ts';

export const RECOMPUTE_JOB = 'health.recompute';

/** Nightly, after the subscriptions' refresh (00:07) and the upsell recompute: every organisation's scores, one at a time. */
export function healthJobs(deps: { db: Db; health: HealthService }) {
  return [
    defineJob({
      name: RECOMPUTE_JOB,
      payload: z.object({}),
      cron: '47 0 * * *',
      lane: 'bulk',
      maxAttempts: 2,
      handler: async (_p, ctx) => {
        const orgs = await organisationsToRecompute(deps.db);
        let accounts = 0;
        for (const [i, orgId] of orgs.entries()) {
          accounts += (await deps.health.recompute(orgId)).accounts;
          await ctx.progress({ done: i + 1, total: orgs.length });
          await ctx.checkpoint?.();
        }
        return { organisations: orgs.length, accounts };
      },
    }),
  ];
}
