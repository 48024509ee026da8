import os from 'node:os';
import { CronExpressionParser } from 'cron-parser';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { newId } from '../ids.ts';
import { enqueueJob } from './enqueue.ts';
import { clientSafeMessage, createSleeper, isJobInterrupted, JobInterrupted } from './job-support.ts';
import { jobs } from './jobs.table.ts';

export { type EnqueueOptions, enqueueJob, enqueueJobs, enqueueJobsFrom } from './enqueue.ts';
export { clientSafeMessage, isJobInterrupted, JobInterrupted };

export interface JobContext {
  jobId: string;
  orgId: string | null;
  attempt: number;
  /** Store progress (shown in the UI) and extend the job's lease. Kept when the job is handed back. */
  progress(value: Record<string, unknown>): Promise<void>;
  /** The progress an earlier run stored (null on a first run): where a handed-back job may resume. */
  previousProgress?: Record<string, unknown> | null;
  /** Aborted when the worker stops (server shutdown); its reason is a JobInterrupted. */
  signal?: AbortSignal;
  /**
   * Call between units of work whose results are committed: once the worker is stopping it throws
   * JobInterrupted, and the job goes back to the queue (not counted as an attempt) for another worker.
   * (The three fields above and this one are absent only when a test calls a handler without a worker.)
   */
  checkpoint?(): void;
  logger: Logger;
}

/**
 * Lanes keep long jobs from holding up short ones: `bulk` (imports, exports: minutes of work each) and
 * `default` (e-mail delivery, housekeeping, everything else) each have their own concurrency, so an import
 * never makes a password-reset e-mail wait.
 */
export const JOB_LANES = ['default', 'bulk'] as const;
export type TJobLane = (typeof JOB_LANES)[number];

export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  payload: S;
  handler(payload: z.infer<S>, ctx: JobContext): Promise<unknown>;
  /** Five-field cron expression in UTC; each slot runs once across all instances. */
  cron?: string;
  /** Runs (including runs whose worker died) before the job is marked failed; overrides the job row's value. */
  maxAttempts?: number;
  /** How long a claimed job may run before another worker may take it over (progress() extends it). */
  leaseMs?: number;
  /** Which lane runs it; `default` unless given. */
  lane?: TJobLane;
  /**
   * false: a run that throws fails the job at once (its handler has recorded the failure where the user sees
   * it). Runs cut short by a dead worker are still retried, up to maxAttempts.
   */
  retryFailures?: boolean;
  /**
   * Called when the job is given up because its worker died on every attempt, before it is marked failed, so
   * the job's owner can record that (an import still "importing" forever otherwise). Runs again if the
   * process dies meanwhile, so it must be idempotent.
   */
  onAbandoned?(payload: z.infer<S>, info: TAbandonedJob): Promise<void>;
}

export interface TAbandonedJob {
  jobId: string;
  orgId: string | null;
  attempts: number;
  /** What the job's last error says. */
  message: string;
}

export const defineJob = <S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> => def;

const DEFAULT_LEASE_MS = 5 * 60_000;

export interface Worker {
  /** Claim due jobs once (each lane up to its concurrency), run them and wait; returns how many ran. Tests call this directly. */
  runOnce(): Promise<number>;
  /** Insert the due cron slots (deduplicated across instances). */
  scheduleDue(): Promise<number>;
  /** Mark failed the jobs whose worker died on their last allowed attempt; returns how many. */
  failAbandoned(): Promise<number>;
  start(): void;
  /**
   * Stop claiming, ask the jobs in flight to stop at their next checkpoint, and wait for them: a job that
   * stops there goes back to the queue at once (another instance resumes it within its poll interval
   * instead of after the lease); one without checkpoints runs to its end.
   */
  stop(): Promise<void>;
}

/** Jobs running at the same time per lane. */
export type TLaneConcurrency = Record<TJobLane, number>;

export function createWorker(deps: {
  db: Db;
  clock: Clock;
  logger: Logger;
  definitions: JobDefinition[];
  pollMs: number;
  concurrency?: Partial<TLaneConcurrency>;
  /**
   * Only the jobs of these organisations (and those of none): a test process sharing a PostgreSQL database with
   * other test processes runs its own organisations' jobs, never theirs. Null or absent: every job.
   */
  orgScope?: () => readonly string[] | null;
}): Worker {
  const byName = new Map(deps.definitions.map((d) => [d.name, d]));
  const workerId = `${os.hostname()}:${process.pid}:${newId().slice(-6)}`;
  const lanes = JOB_LANES.map((lane) => ({
    lane,
    // A worker claims only the jobs it knows: during a rolling upgrade an older instance leaves a new kind alone.
    names: deps.definitions.filter((d) => (d.lane ?? 'default') === lane).map((d) => d.name),
    concurrency: Math.max(1, deps.concurrency?.[lane] ?? (lane === 'bulk' ? 1 : 2)),
  })).filter((l) => l.names.length > 0);
  const allNames = deps.definitions.map((d) => d.name);
  // Per-name settings of the definitions, as SQL over the job row's name.
  const perName = (pick: (d: JobDefinition) => number | undefined, otherwise: SQL) => {
    const cases = deps.definitions.flatMap((d) => {
      const value = pick(d);
      return value === undefined ? [] : [sql`when ${d.name} then ${value}::int`];
    });
    return cases.length ? sql`(case ${jobs.name} ${sql.join(cases, sql` `)} else ${otherwise} end)` : otherwise;
  };
  const maxAttemptsSql = perName((d) => d.maxAttempts, sql`${jobs.maxAttempts}`);
  const leaseMsSql = perName((d) => d.leaseMs, sql`${DEFAULT_LEASE_MS}::int`);
  const nameIn = (names: string[]) => sql`${jobs.name} = any(${sql.param(names)}::text[])`;

  async function claim(names: string[], limit: number) {
    const now = deps.clock.now().toISOString();
    const scope = deps.orgScope?.() ?? null;
    const inScope = scope ? sql`and (${jobs.orgId} is null or ${jobs.orgId} = any(${sql.param([...scope])}::uuid[]))` : sql``;
    return deps.db
      .update(jobs)
      .set({
        status: 'running',
        attempts: sql`${jobs.attempts} + 1`,
        lockedUntil: sql`${now}::timestamptz + ${leaseMsSql} * interval '1 millisecond'`,
        lockedBy: workerId,
      })
      .where(
        sql`${jobs.id} in (select ${jobs.id} from ${jobs}
          where ${nameIn(names)} ${inScope} and (
                (${jobs.status} = 'queued' and ${jobs.runAt} <= ${now}::timestamptz)
             or (${jobs.status} = 'running' and ${jobs.lockedUntil} < ${now}::timestamptz and ${jobs.attempts} < ${maxAttemptsSql}))
          order by ${jobs.runAt} limit ${limit} for update skip locked)`,
      )
      .returning();
  }

  /**
   * A job whose lease ran out was being run by a worker that died (process killed, out of memory) or hung.
   * Each such run counts as an attempt, so a job that kills its worker every time is not retried forever:
   * after its last attempt it fails with a message saying so, shown in Administration → Jobs. The job is
   * claimed first (with a fresh lease), so its onAbandoned hook runs on one worker at a time.
   */
  async function failAbandoned() {
    if (!allNames.length) return 0;
    const now = deps.clock.now().toISOString();
    const abandoned = await deps.db
      .update(jobs)
      .set({ lockedUntil: sql`${now}::timestamptz + ${leaseMsSql} * interval '1 millisecond'`, lockedBy: workerId })
      .where(
        sql`${jobs.id} in (select ${jobs.id} from ${jobs}
          where ${nameIn(allNames)} and ${jobs.status} = 'running' and ${jobs.lockedUntil} < ${now}::timestamptz
            and ${jobs.attempts} >= ${maxAttemptsSql}
          for update skip locked)`,
      )
      .returning();
    for (const job of abandoned) {
      const message = `The worker stopped while running this job ${job.attempts} times (the process exited, or the job ran past its lease); it is not retried`;
      const def = byName.get(job.name);
      const parsed = def?.payload.safeParse(job.payload);
      deps.logger.error({ job: job.name, jobId: job.id, attempts: job.attempts }, 'job failed: its worker stopped on every attempt');
      if (def?.onAbandoned && parsed?.success) {
        await def
          .onAbandoned(parsed.data, { jobId: job.id, orgId: job.orgId, attempts: job.attempts, message })
          .catch((err: unknown) => deps.logger.error({ job: job.name, jobId: job.id, err: clientSafeMessage(err) }, 'onAbandoned failed'));
      }
      await deps.db
        .update(jobs)
        .set({ status: 'failed', lockedUntil: null, lockedBy: null, finishedAt: deps.clock.now(), lastError: message })
        .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, workerId)));
    }
    return abandoned.length;
  }

  async function runJob(job: typeof jobs.$inferSelect) {
    const def = byName.get(job.name);
    const log = deps.logger.child({ job: job.name, jobId: job.id });
    // Only while this worker still holds the job: after its lease expired another worker may have taken
    // the job over, and a late finish from this one must not overwrite that outcome.
    const finish = (values: PgUpdateSetSource<typeof jobs>) =>
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
    const { signal } = stopping;
    try {
      const result = await def.handler(parsed.data, {
        jobId: job.id,
        orgId: job.orgId,
        attempt: job.attempts,
        logger: log,
        previousProgress: (job.progress ?? null) as Record<string, unknown> | null,
        signal,
        checkpoint: () => signal.throwIfAborted(),
        progress: async (value) => {
          await deps.db
            .update(jobs)
            .set({ progress: value, lockedUntil: new Date(deps.clock.now().getTime() + (def.leaseMs ?? DEFAULT_LEASE_MS)) })
            .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, workerId)));
        },
      });
      await finish({ status: 'done', result: (result ?? null) as object | null, finishedAt: deps.clock.now(), lastError: null });
    } catch (err) {
      if (isJobInterrupted(err)) {
        // Stopped at a checkpoint: back to the queue at once, the run not counted, its progress kept.
        log.info({ attempt: job.attempts }, 'job handed back: the worker is stopping');
        await finish({ status: 'queued', attempts: sql`greatest(${jobs.attempts} - 1, 0)`, runAt: deps.clock.now() });
        return;
      }
      const message = clientSafeMessage(err);
      const giveUp = def.retryFailures === false || job.attempts >= (def.maxAttempts ?? job.maxAttempts);
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

  /** Run a job and never throw: a failure to record its outcome is logged, its lease then expires. */
  const runSafely = (job: typeof jobs.$inferSelect) =>
    runJob(job).catch((err: unknown) =>
      deps.logger.error({ job: job.name, jobId: job.id, err: clientSafeMessage(err) }, 'recording a job outcome failed'),
    );

  async function runOnce() {
    await failAbandoned();
    const ran = await Promise.all(
      lanes.map(async (l) => {
        const claimed = await claim(l.names, l.concurrency);
        await Promise.all(claimed.map(runSafely));
        return claimed.length;
      }),
    );
    return ran.reduce((a, b) => a + b, 0);
  }

  async function scheduleDue() {
    let inserted = 0;
    const now = deps.clock.now();
    for (const def of deps.definitions) {
      if (!def.cron) continue;
      const slot = CronExpressionParser.parse(def.cron, { currentDate: new Date(now.getTime() + 1), tz: 'UTC' })
        .prev()
        .toDate();
      const id = await enqueueJob(
        deps.db,
        deps.clock,
        def.name,
        {},
        { runAt: slot, dedupeKey: `cron:${def.name}:${slot.toISOString()}`, maxAttempts: def.maxAttempts },
      );
      if (id) inserted++;
    }
    return inserted;
  }

  let stopped = true;
  let loops: Promise<void>[] = [];
  // Aborted by stop(): running jobs stop at their next checkpoint and are handed back.
  let stopping = new AbortController();
  const scheduler = createSleeper();
  const laneSleepers = new Map(lanes.map((l) => [l.lane, createSleeper()]));
  const wakeAll = () => {
    scheduler.wake();
    for (const s of laneSleepers.values()) s.wake();
  };

  async function scheduleLoop() {
    while (!stopped) {
      try {
        if ((await scheduleDue()) + (await failAbandoned()) > 0) for (const s of laneSleepers.values()) s.wake();
      } catch (err) {
        deps.logger.error({ err: clientSafeMessage(err) }, 'scheduling jobs failed');
      }
      if (!stopped) await scheduler.sleep(deps.pollMs);
    }
  }

  /** One lane: keep up to `concurrency` jobs running; claim more as soon as one finishes. */
  async function laneLoop(l: (typeof lanes)[number]) {
    const sleeper = laneSleepers.get(l.lane) ?? createSleeper();
    const inFlight = new Set<Promise<void>>();
    while (!stopped) {
      let claimed = 0;
      const free = l.concurrency - inFlight.size;
      if (free > 0) {
        try {
          const rows = await claim(l.names, free);
          claimed = rows.length;
          for (const job of rows) {
            const running: Promise<void> = runSafely(job).finally(() => {
              inFlight.delete(running);
              sleeper.wake();
            });
            inFlight.add(running);
          }
        } catch (err) {
          deps.logger.error({ lane: l.lane, err: clientSafeMessage(err) }, 'claiming jobs failed');
        }
      }
      // Claim again at once while there is work and room; otherwise wait for a finished job or the next poll.
      if (!stopped && (claimed === 0 || inFlight.size >= l.concurrency)) await sleeper.sleep(deps.pollMs);
    }
    await Promise.all(inFlight);
  }

  return {
    runOnce,
    scheduleDue,
    failAbandoned,
    start() {
      if (!stopped) return;
      stopped = false;
      if (stopping.signal.aborted) stopping = new AbortController();
      loops = [scheduleLoop(), ...lanes.map(laneLoop)];
    },
    async stop() {
      stopped = true;
      stopping.abort(new JobInterrupted());
      wakeAll();
      await Promise.all(loops);
      loops = [];
    },
  };
}
