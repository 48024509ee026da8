import { z } from 'zod';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { defineJob } from '../../platform/jobs/queue.ts';
import {
  deleteEventsBefore,
  dropPartition,
  ensurePartition,
  listPartitionMonths,
  listRetentionSettings,
  monthOf,
  monthsBetween,
} from './usage.partitions.repository.ts';
import { DEFAULT_RETENTION_MONTHS } from './usage.service.ts';

export const PARTITIONS_JOB = 'usage.partitions';

/** The first instant of the month `n` months before the month of `now` (UTC). */
const monthsBack = (now: Date, n: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - n, 1));

/**
 * Daily at 00:17: the next three months' partitions are made ahead (ingestion makes a missing one itself, but
 * not at the first event of a month); each organisation's raw events older than its retention are deleted;
 * partitions older than every organisation's retention are dropped whole (no delete, no vacuum).
 */
export function usageJobs(deps: { db: Db; clock: Clock }) {
  return [
    defineJob({
      name: PARTITIONS_JOB,
      payload: z.object({}),
      cron: '17 0 * * *',
      maxAttempts: 3,
      handler: async () => {
        const now = deps.clock.now();
        const ahead = monthsBetween(monthOf(now), monthOf(monthsBack(now, -3)));
        for (const month of ahead) await ensurePartition(deps.db, month);
        const settings = await listRetentionSettings(deps.db);
        let deleted = 0;
        for (const s of settings)
          if (s.retentionMonths < DEFAULT_RETENTION_MONTHS)
            deleted += await deleteEventsBefore(deps.db, s.orgId, monthsBack(now, s.retentionMonths));
        const longest = Math.max(DEFAULT_RETENTION_MONTHS, ...settings.map((s) => s.retentionMonths));
        const oldestKept = monthOf(monthsBack(now, longest));
        const dropped = (await listPartitionMonths(deps.db)).filter((m) => m < oldestKept);
        for (const month of dropped) await dropPartition(deps.db, month);
        return { made: ahead.length, deleted, dropped: dropped.length };
      },
    }),
  ];
}
