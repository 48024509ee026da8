import { z } from 'zod';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { defineJob } from '../../platform/jobs/queue.ts';
import { ROLLUP_JOB, type UsageIngest } from './usage.ingest.ts';
import {
  deleteEventsBefore,
  dropPartition,
  ensurePartition,
  listPartitionMonths,
  listRetentionSettings,
  monthOf,
  monthsBetween,
} from './usage.partitions.repository.ts';
import { organisationsWithDeltas } from './usage.rollups.repository.ts';
import { DEFAULT_RETENTION_MONTHS } from './usage.service.ts';

export const PARTITIONS_JOB = 'usage.partitions';
export const ROLLUP_SWEEP_JOB = 'usage.rollup-sweep';

/** The first instant of the month `n` months before the month of `now` (UTC). */
const monthsBack = (now: Date, n: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - n, 1));

/**
 * Daily at 00:17: the next three months' partitions are made ahead (ingestion makes a missing one itself, but
 * not at the first event of a month); each organisation's raw events older than its retention are deleted;
 * partitions older than every organisation's retention are dropped whole (no delete, no vacuum).
 */
export function usageJobs(deps: { db: Db; clock: Clock; ingest: UsageIngest }) {
  return [
    // The rollups of an organisation follow its ingestion: scheduled by ingestion, one per organisation and 10 s slot.
    defineJob({
      name: ROLLUP_JOB,
      payload: z.object({ orgId: z.uuid() }),
      maxAttempts: 10,
      handler: async ({ orgId }) => ({ merged: await deps.ingest.mergeRollups(orgId) }),
    }),
    // Every minute, every organisation's deltas: catches a merge that could not be scheduled (an instance that died
    // between a commit and the enqueue).
    defineJob({
      name: ROLLUP_SWEEP_JOB,
      payload: z.object({}),
      cron: '* * * * *',
      handler: async () => {
        let merged = 0;
        for (const orgId of await organisationsWithDeltas(deps.db)) merged += await deps.ingest.mergeRollups(orgId);
        return { merged };
      },
    }),
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
