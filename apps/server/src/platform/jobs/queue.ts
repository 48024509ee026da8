import os from 'node:os';
import { CronExpressionParser } from 'cron-parser';
import { and, eq, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { newId } from '../ids.ts';
import { jobs } from './jobs.table.ts';

export interface JobContext {
  jobId: string;
  orgId: string | null;
  attempt: number;
  /** Store progress (shown in the UI) and extend the job's lease. */
  progress(value: Record<string, unknown>): Promise<void>;
  logger: Logger;
}

export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  payload: S;
  handler(payload: z.infer<S>, ctx: JobContext): Promise<unknown>;
  /** Five-field cron expression in UTC; each slot runs once across all instances. */
  cron?: string;
  maxAttempts?: number;
  /** How long a claimed job may run before another worker may take it over. */
  leaseMs?: number;
}

export const defineJob = <S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> => def;

export interface EnqueueOptions {
  orgId?: string | null;
  runAt?: Date;
  dedupeKey?: string;
  maxAttempts?: number;
}

/** Enqueue inside the caller's transaction: the job exists only if the change that caused it commits. */
export async function enqueueJob(db: Db, clock: Clock, name: string, payload: unknown, opts: EnqueueOptions = {}) {
  const id = newId();
  const rows = await db
    .insert(jobs)
    .values({
      id,
      name,
      payload: payload as object,
      orgId: opts.orgId ?? null,
      runAt: opts.runAt ?? clock.now(),
      dedupeKey: opts.dedupeKey ?? null,
      maxAttempts: opts.maxAttempts ?? 5,
      createdAt: clock.now(),
    })
    .onConflictDoNothing({ target: jobs.dedupeKey })
    .returning({ id: jobs.id });
  return rows[0]?.id ?? null;
}

export interface Worker {
  /** Claim and run due jobs once; returns how many ran. Tests call this directly. */
  runOnce(): Promise<number>;
  /** Insert the due cron slots (deduplicated across instances). */
  scheduleDue(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

export function createWorker(deps: {
  db: Db;
  clock: Clock;
  logger: Logger;
  definitions: JobDefinition[];
  pollMs: number;
  batchSize?: number;
}): Worker {
  const byName = new Map(deps.definitions.map((d) => [d.name, d]));
  const workerId = `${os.hostname()}:${process.pid}:${newId().slice(-6)}`;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let stopped = false;

  async function claim(limit: number) {
    const now = deps.clock.now();
    const leaseUntil = new Date(now.getTime() + 5 * 60_000);
    return deps.db
      .update(jobs)
      .set({ status: 'running', attempts: sql`${jobs.attempts} + 1`, lockedUntil: leaseUntil, lockedBy: workerId })
      .where(
        sql`${jobs.id} in (select id from jobs
          where (status = 'queued' and run_at <= ${now.toISOString()}::timestamptz)
             or (status = 'running' and locked_until < ${now.toISOString()}::timestamptz)
          order by run_at limit ${limit} for update skip locked)`,
      )
      .returning();
  }

  async function runJob(job: typeof jobs.$inferSelect) {
    const def = byName.get(job.name);
    const log = deps.logger.child({ job: job.name, jobId: job.id });
    // Only while this worker still holds the job: after its lease expired another worker may have taken
    // the job over, and a late finish from this one must not overwrite that outcome.
    const finish = (values: Partial<typeof jobs.$inferInsert>) =>
      deps.db
        .update(jobs)
        .set({ lockedUntil: null, lockedBy: null, ...values })
        .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, workerId)));
    if (!def) {
      await finish({ status: 'failed', lastError: `No job definition named "${job.name}"`, finishedAt: deps.clock.now() });
      return;
    }
    const parsed = def.payload.safeParse(job.payload);
    if (!parsed.success) {
      await finish({ status: 'failed', lastError: `Invalid payload: ${parsed.error.message}`, finishedAt: deps.clock.now() });
      return;
    }
    try {
      const result = await def.handler(parsed.data, {
        jobId: job.id,
        orgId: job.orgId,
        attempt: job.attempts,
        logger: log,
        progress: async (value) => {
          await deps.db
            .update(jobs)
            .set({ progress: value, lockedUntil: new Date(deps.clock.now().getTime() + (def.leaseMs ?? 5 * 60_000)) })
            .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, workerId)));
        },
      });
      await finish({ status: 'done', result: (result ?? null) as object | null, finishedAt: deps.clock.now(), lastError: null });
    } catch (err) {
      const message = clientSafeMessage(err);
      const giveUp = job.attempts >= (def.maxAttempts ?? job.maxAttempts);
      log.warn({ err: message, attempt: job.attempts, giveUp }, 'job failed');
      await finish(
        giveUp
          ? { status: 'failed', lastError: message.slice(0, 2000), finishedAt: deps.clock.now() }
          : {
              status: 'queued',
              lastError: message.slice(0, 2000),
              runAt: new Date(deps.clock.now().getTime() + Math.min(2 ** job.attempts * 1000, 10 * 60_000)),
            },
      );
    }
  }

  async function runOnce() {
    const claimed = await claim(deps.batchSize ?? 5);
    for (const job of claimed) await runJob(job);
    return claimed.length;
  }

  async function scheduleDue() {
    let inserted = 0;
    const now = deps.clock.now();
    for (const def of deps.definitions) {
      if (!def.cron) continue;
      const slot = CronExpressionParser.parse(def.cron, { currentDate: new Date(now.getTime() + 1), tz: 'UTC' })
        .prev()
        .toDate();
      const id = await enqueueJob(deps.db, deps.clock, def.name, {}, { runAt: slot, dedupeKey: `cron:${def.name}:${slot.toISOString()}` });
      if (id) inserted++;
    }
    return inserted;
  }

  async function tick() {
    if (stopped) return;
    try {
      await scheduleDue();
      // Drain while there is work, then sleep.
      while (!stopped && (await runOnce()) > 0) {}
    } catch (err) {
      deps.logger.error({ err: (err as Error).message }, 'worker tick failed');
    }
    if (!stopped) {
      timer = setTimeout(() => {
        running = tick();
      }, deps.pollMs);
    }
  }

  return {
    runOnce,
    scheduleDue,
    start() {
      stopped = false;
      running = tick();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

/**
 * A job's error is shown in Administration → Jobs. Query wrappers put the SQL and its parameters in the
 * message; keep the underlying driver's message and never the parameters.
 */
export function clientSafeMessage(err: unknown): string {
  const e = err as { message?: string; cause?: { message?: string } };
  const message = e?.cause?.message ?? e?.message ?? String(err);
  return message.replace(/\s*params:[\s\S]*$/, '').replace(/^Failed query:[\s\S]*$/, 'A database query failed');
}
