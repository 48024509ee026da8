import { z } from 'zod';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { defineJob } from '../../platform/jobs/queue.ts';
import { organisationsWithLateMilestones } from './journeys.repository.ts';
import type { JourneyService } from './journeys.service.ts';

export const MARK_LATE_JOB = 'journeys.markLate';

/**
 * Daily, early in the morning: milestones of running journeys still open after their due day are marked late,
 * one transaction per organisation, and each publishes `journey.milestone_late` once (a second run, a retry or a
 * second worker finds them marked). `orgId` limits a run to one organisation (tests, a manual run).
 */
export function journeyJobs(deps: { db: Db; clock: Clock; journeys: JourneyService }) {
  return [
    defineJob({
      name: MARK_LATE_JOB,
      payload: z.object({ orgId: z.uuid().optional() }),
      cron: '27 1 * * *',
      maxAttempts: 3,
      handler: async (p, ctx) => {
        const today = deps.clock.now().toISOString().slice(0, 10);
        const orgs = p.orgId ? [p.orgId] : await organisationsWithLateMilestones(deps.db, today);
        let late = 0;
        for (const [i, orgId] of orgs.entries()) {
          late += await deps.journeys.markLate(orgId);
          await ctx.progress({ done: i + 1, total: orgs.length });
        }
        return { organisations: orgs.length, late };
      },
    }),
  ];
}
