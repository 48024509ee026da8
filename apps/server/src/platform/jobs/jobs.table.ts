import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * The job queue. Workers claim rows with FOR UPDATE SKIP LOCKED, so any number of app instances can
 * share one database. Cron runs get a deterministic dedupe key (`cron:<name>:<slot>`), so each
 * scheduled run is inserted once however many schedulers race for it.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id'),
    name: text('name').notNull(),
    payload: jsonb('payload').notNull().default({}),
    status: text('status').notNull().default('queued'),
    dedupeKey: text('dedupe_key'),
    runAt: timestamp('run_at', { withTimezone: true }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lockedBy: text('locked_by'),
    progress: jsonb('progress'),
    result: jsonb('result'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('jobs_dedupe_key_uq').on(t.dedupeKey),
    index('jobs_claim_idx').on(t.runAt).where(sql`${t.status} = 'queued'`),
    index('jobs_org_created_idx').on(t.orgId, t.createdAt),
  ],
);
