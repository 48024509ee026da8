import { z } from 'zod';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { defineJob, enqueueJob } from '../../platform/jobs/queue.ts';
import { organisationsWithSubscriptions } from './renewal-opportunities.daily.repository.ts';
import { dayOf } from './renewal-opportunities.days.ts';
import type { TDailyRunResult } from './renewal-opportunities.schemas.ts';

export const DAILY_JOB = 'renewals.daily';
export const DAILY_ORG_JOB = 'renewals.daily-org';

/**
 * Daily at 01:17, after the subscriptions' refresh (00:07) rolled terms over and health's recompute: one job per
 * organisation (deduplicated per organisation and day), each one transaction (renewal-opportunities.daily.ts).
 */
export function renewalJobs(deps: { db: Db; clock: Clock; runDaily(orgId: string): Promise<TDailyRunResult> }) {
  return [
    defineJob({
      name: DAILY_JOB,
      payload: z.object({}),
      cron: '17 1 * * *',
      maxAttempts: 3,
      handler: async () => {
        const orgs = await organisationsWithSubscriptions(deps.db);
        const day = dayOf(deps.clock.now());
        await deps.db.transaction(async (tx) => {
          for (const orgId of orgs)
            await enqueueJob(tx, deps.clock, DAILY_ORG_JOB, { orgId }, { orgId, dedupeKey: `${DAILY_ORG_JOB}:${orgId}:${day}` });
        });
        return { organisations: orgs.length };
      },
    }),
    defineJob({
      name: DAILY_ORG_JOB,
      payload: z.object({ orgId: z.uuid() }),
      maxAttempts: 5,
      handler: async (p) => deps.runDaily(p.orgId),
    }),
  ];
}

/** Queue one organisation's daily run now (tests; a second instance racing the first one). */
export const enqueueDailyRun = (db: Db, clock: Clock, orgId: string, key: string) =>
  enqueueJob(db, clock, DAILY_ORG_JOB, { orgId }, { orgId, dedupeKey: `${DAILY_ORG_JOB}:${orgId}:${key}` });
