import { z } from 'zod';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { defineJob } from '../../platform/jobs/queue.ts';
import { deleteStaleCredentials } from './sessions.repository.ts';

const DAY = 24 * 3600_000;

export const IDENTITY_HOUSEKEEPING_JOB = 'identity-housekeeping';

/**
 * Nightly: sign-in attempts older than a day (the throttle looks back 15 minutes), sessions past their end, and
 * reset and invitation links a day past their expiry (kept that long so a late click still says "expired").
 */
export function identityJobs(deps: { db: Db; clock: Clock }) {
  return [
    defineJob({
      name: IDENTITY_HOUSEKEEPING_JOB,
      payload: z.object({}),
      cron: '23 3 * * *',
      maxAttempts: 2,
      handler: async () => {
        const now = deps.clock.now().getTime();
        return deleteStaleCredentials(deps.db, {
          attemptsBefore: new Date(now - DAY),
          sessionsBefore: new Date(now),
          resetsBefore: new Date(now - DAY),
        });
      },
    }),
  ];
}
