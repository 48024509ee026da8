import { z } from 'zod';
import type { Db } from '../../platform/db/database.ts';
import { defineJob } from '../../platform/jobs/queue.ts';
import { organisationsToRecompute } from './upsell-candidates.repository.ts';
import type { UpsellCandidateService } from './upsell-candidates.service.ts';

export const RECOMPUTE_JOB = 'upsell.recompute';

/**
 * Nightly, after the subscriptions' refresh (00:07) has moved statuses on: every organisation's candidates are
 * recomputed, one transaction each, and the transitions published as events (playbooks subscribe to them).
 */
export function upsellJobs(deps: { db: Db; upsellCandidates: UpsellCandidateService }) {
  return [
    defineJob({
      name: RECOMPUTE_JOB,
      payload: z.object({}),
      cron: '37 0 * * *',
      maxAttempts: 2,
      handler: async (_p, ctx) => {
        const orgs = await organisationsToRecompute(deps.db);
        let identified = 0;
        let cleared = 0;
        for (const [i, orgId] of orgs.entries()) {
          const result = await deps.upsellCandidates.recompute(orgId);
          identified += result.identified;
          cleared += result.cleared;
          await ctx.progress({ done: i + 1, total: orgs.length });
        }
        return { organisations: orgs.length, identified, cleared };
      },
    }),
  ];
}
