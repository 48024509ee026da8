import { z } from 'zod';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { defineJob } from '../../platform/jobs/queue.ts';
import { organisationsActiveSince, recountFeatureUsers } from './usage.adoption.repository.ts';
import { addDays } from './usage.adoption.ts';

export const FEATURE_USERS_JOB = 'usage.feature-users';

/**
 * Every ten minutes: the distinct users per account, day and feature of yesterday and today, recounted from the raw
 * events of the organisations that received events in the last two days (distinct users cannot be merged from the
 * ingestion's batch deltas). A key mapped later moves older events: those days are recounted by `days` on request.
 */
export function adoptionJobs(deps: { db: Db; clock: Clock }) {
  return [
    defineJob({
      name: FEATURE_USERS_JOB,
      payload: z.object({ orgId: z.uuid().optional(), days: z.int().min(1).max(400).optional() }),
      cron: '*/10 * * * *',
      maxAttempts: 3,
      handler: async ({ orgId, days }) => {
        const now = deps.clock.now();
        const to = now.toISOString().slice(0, 10);
        const from = addDays(to, -((days ?? 2) - 1));
        const orgs = orgId ? [orgId] : await organisationsActiveSince(deps.db, new Date(now.getTime() - 2 * 86_400_000));
        let rows = 0;
        for (const org of orgs) rows += await deps.db.transaction((tx) => recountFeatureUsers(tx, org, from, to));
        return { organisations: orgs.length, rows };
      },
    }),
  ];
}
