/**
 * A worker that stops (server shutdown, SIGTERM) hands its running jobs back at their next checkpoint, so
 * another instance resumes them at once instead of after the lease (five minutes by default).
 */
import { setTimeout as delay } from 'node:timers/promises';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { useScratchDatabase } from '../../../test/scratch-database.ts';
import { systemClock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { newId } from '../ids.ts';
import { jobs } from './jobs.table.ts';
import { createWorker, defineJob, enqueueJob, type JobDefinition } from './queue.ts';

let db: Db;
let otherDb: Db;
const logger = pino({ level: 'silent' });
useScratchDatabase((a, b) => {
  db = a;
  otherDb = b;
});

const jobRow = async (id: string) => (await db.select().from(jobs).where(eq(jobs.id, id)))[0];
const uniqueName = (what: string) => `test-${what}-${newId().slice(-8)}`;
const workerOn = (database: Db, definitions: JobDefinition[]) =>
  createWorker({ db: database, clock: systemClock, logger, definitions, pollMs: 50, concurrency: { default: 1, bulk: 1 } });

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await delay(10);
  }
}

const STEPS = 40;

/**
 * A long job in steps: each step's work is recorded with the worker that did it, then stored as progress (the
 * checkpoint a resumed run starts from). The same job as two instances would run it, told apart by `who`.
 */
function longJob(name: string, who: string, done: { step: number; who: string; at: number }[]) {
  return defineJob({
    name,
    payload: z.object({}),
    lane: 'bulk',
    handler: async (_payload, ctx) => {
      let step = Number(ctx.previousProgress?.step ?? 0);
      while (step < STEPS) {
        ctx.checkpoint?.();
        done.push({ step, who, at: Date.now() });
        step++;
        await ctx.progress({ step });
        await delay(20);
      }
      return { steps: step };
    },
  });
}

describe('worker shutdown', () => {
  it('hands a running job back at its next checkpoint; another worker resumes it at once and the work is done once', async () => {
    const name = uniqueName('long');
    const done: { step: number; who: string; at: number }[] = [];
    const a = workerOn(db, [longJob(name, 'A', done)]);
    const b = workerOn(otherDb, [longJob(name, 'B', done)]);
    const id = (await enqueueJob(db, systemClock, name, {})) as string;
    a.start();
    try {
      // B starts once A holds the job (started together, either could claim it first).
      await waitFor('worker A to take the job', () => done.length >= 1);
      b.start();
      await waitFor('worker A to be halfway', () => done.length >= 5);
      // B is running too, but cannot take a job A holds.
      expect(done.every((d) => d.who === 'A')).toBe(true);
      const stoppedAt = Date.now();
      await a.stop(); // returns once A has handed the job back (B may have claimed it by now)
      await waitFor('the job to finish on B', async () => (await jobRow(id))?.status === 'done');
      const firstOfB = done.find((d) => d.who === 'B');
      expect(firstOfB, 'B resumed the job').toBeDefined();
      expect((firstOfB?.at ?? Number.POSITIVE_INFINITY) - stoppedAt).toBeLessThan(2_000);
      // Each step once, in order: B started where A's checkpoint said, and A did nothing after it stopped.
      expect(done.map((d) => d.step)).toEqual(Array.from({ length: STEPS }, (_, i) => i));
      const lastOfA = done.filter((d) => d.who === 'A').at(-1);
      expect(firstOfB?.step).toBe((lastOfA?.step ?? -1) + 1);
      // The handed-back run was not counted: B's run is the first attempt.
      expect(await jobRow(id)).toMatchObject({ status: 'done', attempts: 1, result: { steps: STEPS }, lockedBy: null, lastError: null });
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('lets a job without checkpoints finish when its worker stops', async () => {
    const name = uniqueName('plain');
    let finished = false;
    const def = defineJob({
      name,
      payload: z.object({}),
      handler: async () => {
        await delay(300);
        finished = true;
        return { ok: true };
      },
    });
    const w = workerOn(db, [def]);
    const id = (await enqueueJob(db, systemClock, name, {})) as string;
    w.start();
    await waitFor('the job to start', async () => (await jobRow(id))?.status === 'running');
    await w.stop();
    expect(finished).toBe(true);
    expect(await jobRow(id)).toMatchObject({ status: 'done', attempts: 1, result: { ok: true } });
  });

  it('hands back a job that stops through its abort signal, keeping its progress', async () => {
    const name = uniqueName('signal');
    const def = defineJob({
      name,
      payload: z.object({}),
      handler: async (_payload, ctx) => {
        await ctx.progress({ rows: 100 });
        await new Promise((_resolve, reject) => ctx.signal?.addEventListener('abort', () => reject(ctx.signal?.reason)));
      },
    });
    const w = workerOn(db, [def]);
    const id = (await enqueueJob(db, systemClock, name, {})) as string;
    w.start();
    await waitFor('the job to store progress', async () => (await jobRow(id))?.progress != null);
    await w.stop();
    expect(await jobRow(id)).toMatchObject({ status: 'queued', attempts: 0, lockedBy: null, lockedUntil: null, progress: { rows: 100 } });
  });
});
