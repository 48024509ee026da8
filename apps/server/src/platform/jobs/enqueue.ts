import { type SQL, sql } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { newId, rowIdSql } from '../ids.ts';
import { jobs } from './jobs.table.ts';

/** Putting jobs in the queue, always inside the caller's transaction: a job exists only if the change that caused it commits. */

const DEFAULT_MAX_ATTEMPTS = 5;

export interface EnqueueOptions {
  orgId?: string | null;
  runAt?: Date;
  dedupeKey?: string;
  maxAttempts?: number;
}

/** One job; a duplicate `dedupeKey` is skipped (null is returned). */
export async function enqueueJob(db: Db, clock: Clock, name: string, payload: unknown, opts: EnqueueOptions = {}) {
  const rows = await db
    .insert(jobs)
    .values(jobRow(clock.now(), name, payload, opts))
    .onConflictDoNothing({ target: jobs.dedupeKey })
    .returning({ id: jobs.id });
  return rows[0]?.id ?? null;
}

/** enqueueJob for many jobs, 1,000 to a statement (a duplicate `dedupeKey` is skipped, as there). */
export async function enqueueJobs(db: Db, clock: Clock, items: readonly { name: string; payload: unknown; opts?: EnqueueOptions }[]) {
  const now = clock.now();
  for (let i = 0; i < items.length; i += 1000) {
    const rows = items.slice(i, i + 1000).map((j) => jobRow(now, j.name, j.payload, j.opts));
    await db.insert(jobs).values(rows).onConflictDoNothing({ target: jobs.dedupeKey });
  }
}

/**
 * Many jobs of one kind from rows the caller selects (`source`: columns `payload` jsonb and `dedupe_key` text), one
 * INSERT … SELECT, so a batch of tens of thousands never leaves the database (as `enqueueEmailsFrom` does for
 * e-mails). A duplicate `dedupe_key` is skipped, as in enqueueJob. Returns how many were queued.
 */
export async function enqueueJobsFrom(
  db: Db,
  clock: Clock,
  name: string,
  source: SQL,
  opts: Pick<EnqueueOptions, 'orgId' | 'runAt' | 'maxAttempts'> = {},
): Promise<number> {
  const now = clock.now().toISOString();
  const res = await db.execute(sql`
    with queued as (
      insert into jobs (id, org_id, name, payload, dedupe_key, run_at, max_attempts, created_at)
      select ${rowIdSql(sql`row_number() over ()`)}, ${opts.orgId ?? null}::uuid, ${name}, s.payload, s.dedupe_key,
        ${opts.runAt?.toISOString() ?? now}::timestamptz, ${opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS}::int, ${now}::timestamptz
      from (${source}) s
      on conflict (dedupe_key) do nothing
      returning 1
    )
    select count(*)::int as n from queued`);
  return (res as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0;
}

const jobRow = (now: Date, name: string, payload: unknown, opts: EnqueueOptions = {}) => ({
  id: newId(),
  name,
  payload: payload as object,
  orgId: opts.orgId ?? null,
  runAt: opts.runAt ?? now,
  dedupeKey: opts.dedupeKey ?? null,
  maxAttempts: opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
  createdAt: now,
});
