/**
 * The job queue and scheduler on the real database: retries with backoff then failure, cron slots inserted
 * once however many instances schedule them, expired leases taken over, and enqueueing inside a transaction.
 */
import { eq, like } from 'drizzle-orm';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { useScratchDatabase } from '../../../test/scratch-database.ts';
import { createFixedClock } from '../clock.ts';
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
/** Job names unique to one test: the database is shared by the tests of this file. */
const uniqueName = (what: string) => `test-${what}-${newId().slice(-8)}`;

function worker(
  definitions: JobDefinition[],
  clock = createFixedClock('2026-11-21T09:00:00Z'),
  database: Db = db,
  concurrency?: { default?: number; bulk?: number },
) {
  return { clock, worker: createWorker({ db: database, clock, logger, definitions, pollMs: 20, concurrency }) };
}

/** A promise the test resolves when it chooses: a job handler that "hangs" until then. */
function gate() {
  let open: () => void = () => {};
  const opened = new Promise<void>((r) => {
    open = r;
  });
  return { opened, open };
}

describe('job queue', () => {
  it('retries a failing job with exponential backoff, then marks it failed with the error', async () => {
    const name = uniqueName('failing');
    let calls = 0;
    const def = defineJob({
      name,
      payload: z.object({ n: z.int() }),
      maxAttempts: 3,
      handler: async () => {
        calls++;
        throw new Error(`boom ${calls}`);
      },
    });
    const { clock, worker: w } = worker([def]);
    const id = await enqueueJob(db, clock, name, { n: 1 });
    expect(await w.runOnce()).toBe(1);
    expect(await jobRow(id as string)).toMatchObject({ status: 'queued', attempts: 1, lastError: 'boom 1' });
    expect(await w.runOnce()).toBe(0); // not due yet
    clock.advance(2_000);
    expect(await w.runOnce()).toBe(1);
    expect(await jobRow(id as string)).toMatchObject({ status: 'queued', attempts: 2, lastError: 'boom 2' });
    clock.advance(3_000);
    expect(await w.runOnce()).toBe(0); // backoff doubled to 4 s
    clock.advance(1_000);
    expect(await w.runOnce()).toBe(1);
    const failed = await jobRow(id as string);
    expect(failed).toMatchObject({ status: 'failed', attempts: 3, lastError: 'boom 3' });
    expect(failed?.finishedAt).not.toBeNull();
    clock.advance(3600_000);
    expect(await w.runOnce()).toBe(0);
    expect(calls).toBe(3);
  });

  it('stores the result of a job that succeeds on a retry', async () => {
    const name = uniqueName('flaky');
    let calls = 0;
    const { clock, worker: w } = worker([
      defineJob({
        name,
        payload: z.object({}),
        handler: async () => {
          if (++calls === 1) throw new Error('transient');
          return { ok: true, calls };
        },
      }),
    ]);
    const id = (await enqueueJob(db, clock, name, {})) as string;
    await w.runOnce();
    clock.advance(2_000);
    await w.runOnce();
    expect(await jobRow(id)).toMatchObject({ status: 'done', attempts: 2, result: { ok: true, calls: 2 }, lastError: null });
  });

  it('fails a job whose payload does not match its schema, without running it', async () => {
    const name = uniqueName('typed');
    let ran = false;
    const { clock, worker: w } = worker([
      defineJob({ name, payload: z.object({ accountId: z.uuid() }), handler: async () => (ran = true) }),
    ]);
    const id = (await enqueueJob(db, clock, name, { accountId: 12 })) as string;
    await w.runOnce();
    expect(await jobRow(id)).toMatchObject({ status: 'failed' });
    expect((await jobRow(id))?.lastError).toMatch(/Invalid payload/);
    expect(ran).toBe(false);
  });

  it('inserts each cron slot once however many instances schedule it, and runs it once', async () => {
    const name = uniqueName('cron');
    let runs = 0;
    const def = defineJob({ name, payload: z.object({}), cron: '*/5 * * * *', handler: async () => ++runs });
    const start = '2026-11-21T09:02:00Z';
    const a = worker([def], createFixedClock(start));
    const b = worker([def], createFixedClock(start), otherDb);
    const inserted = await Promise.all([a.worker.scheduleDue(), b.worker.scheduleDue(), a.worker.scheduleDue(), b.worker.scheduleDue()]);
    expect(inserted.reduce((x, y) => x + y, 0)).toBe(1);
    const rows = await db.select().from(jobs).where(eq(jobs.name, name));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.dedupeKey).toBe(`cron:${name}:2026-11-21T09:00:00.000Z`);
    await Promise.all([a.worker.runOnce(), b.worker.runOnce(), a.worker.runOnce(), b.worker.runOnce()]);
    expect(runs).toBe(1);
    // The next slot (09:05) once more, and nothing in between.
    for (const c of [a.clock, b.clock]) c.set('2026-11-21T09:04:59Z');
    await Promise.all([a.worker.scheduleDue(), b.worker.scheduleDue()]);
    expect(await db.select().from(jobs).where(eq(jobs.name, name))).toHaveLength(1);
    for (const c of [a.clock, b.clock]) c.set('2026-11-21T09:05:30Z');
    await Promise.all([a.worker.scheduleDue(), b.worker.scheduleDue()]);
    await Promise.all([a.worker.runOnce(), b.worker.runOnce()]);
    expect(await db.select().from(jobs).where(eq(jobs.name, name))).toHaveLength(2);
    expect(runs).toBe(2);
  });

  it('lets two instances share a backlog without running any job twice', async () => {
    const name = uniqueName('backlog');
    const seen: string[] = [];
    const def = defineJob({
      name,
      payload: z.object({ i: z.int() }),
      handler: async (p) => {
        seen.push(String(p.i));
        await new Promise((r) => setTimeout(r, 2));
      },
    });
    const a = worker([def]);
    const b = worker([def], createFixedClock('2026-11-21T09:00:00Z'), otherDb);
    for (let i = 0; i < 40; i++) await enqueueJob(db, a.clock, name, { i });
    const drain = async (w: typeof a.worker) => {
      while ((await w.runOnce()) > 0) {}
    };
    await Promise.all([drain(a.worker), drain(b.worker), drain(a.worker), drain(b.worker)]);
    expect(seen).toHaveLength(40);
    expect(new Set(seen).size).toBe(40);
    const rows = await db.select().from(jobs).where(eq(jobs.name, name));
    expect(rows.every((r) => r.status === 'done' && r.attempts === 1)).toBe(true);
  });

  it('takes over a job whose lease expired (its worker died or hung), and the stale worker cannot overwrite the outcome', async () => {
    const name = uniqueName('lease');
    let release: () => void = () => {};
    const hung = new Promise<void>((r) => {
      release = r;
    });
    let calls = 0;
    const def = defineJob({
      name,
      payload: z.object({}),
      handler: async () => {
        calls++;
        if (calls === 1) {
          await hung; // the first worker hangs…
          return { by: 'stale worker' };
        }
        return { by: 'second worker' };
      },
    });
    const a = worker([def]);
    const b = worker([def], createFixedClock('2026-11-21T09:00:00Z'), otherDb);
    const id = (await enqueueJob(db, a.clock, name, {})) as string;
    const first = a.worker.runOnce();
    await waitFor(async () => (await jobRow(id))?.status === 'running');
    // …while its lease runs: nobody else may take the job.
    b.clock.advance(4 * 60_000);
    expect(await b.worker.runOnce()).toBe(0);
    // After the lease (5 minutes) another instance takes it over.
    b.clock.advance(2 * 60_000);
    expect(await b.worker.runOnce()).toBe(1);
    expect(await jobRow(id)).toMatchObject({ status: 'done', attempts: 2, result: { by: 'second worker' } });
    release();
    await first;
    expect(calls).toBe(2);
    expect(await jobRow(id)).toMatchObject({ status: 'done', result: { by: 'second worker' } });
  });

  it('counts a run whose worker died as an attempt, and after the last one fails the job saying why instead of retrying forever', async () => {
    const name = uniqueName('crashloop');
    const hung = gate();
    let calls = 0;
    const def = defineJob({
      name,
      payload: z.object({}),
      maxAttempts: 2,
      handler: async () => {
        calls++;
        await hung.opened; // stands for a worker that died: it never reports back
        return { by: 'a dead worker' };
      },
    });
    const start = '2026-11-21T09:00:00Z';
    const a = worker([def], createFixedClock(start));
    const b = worker([def], createFixedClock(start), otherDb);
    const c = worker([def], createFixedClock(start));
    const id = (await enqueueJob(db, a.clock, name, {})) as string;
    const first = a.worker.runOnce();
    await waitFor(async () => (await jobRow(id))?.attempts === 1);
    // The lease (5 minutes) runs out: attempt 2 on another instance, which dies too.
    b.clock.advance(6 * 60_000);
    const second = b.worker.runOnce();
    await waitFor(async () => (await jobRow(id))?.attempts === 2);
    expect(await jobRow(id)).toMatchObject({ status: 'running', attempts: 2 });
    // After the second lease: no third run; the job fails with the reason, as the jobs list shows it.
    c.clock.advance(12 * 60_000);
    expect(await c.worker.runOnce()).toBe(0);
    const failed = await jobRow(id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 2, lockedBy: null });
    expect(failed?.lastError).toMatch(/^The worker stopped while running this job 2 times/);
    expect(failed?.finishedAt?.toISOString()).toBe('2026-11-21T09:12:00.000Z');
    c.clock.advance(3600_000);
    expect(await c.worker.runOnce()).toBe(0);
    // The workers that "died" come back late: they cannot overwrite the outcome.
    hung.open();
    await Promise.all([first, second]);
    expect(calls).toBe(2);
    expect(await jobRow(id)).toMatchObject({ status: 'failed', attempts: 2, result: null });
    expect((await jobRow(id))?.lastError).toMatch(/2 times/);
  });

  it('uses the definition’s attempts and lease for a job whose worker died, and tells its owner once', async () => {
    const name = uniqueName('lease-def');
    const hung = gate();
    const told: unknown[] = [];
    const def = defineJob({
      name,
      payload: z.object({ importId: z.string() }),
      maxAttempts: 1,
      leaseMs: 60_000,
      handler: async () => hung.opened,
      onAbandoned: async (payload, info) => {
        told.push({ payload, attempts: info.attempts, message: info.message });
      },
    });
    const a = worker([def]);
    // The row says 5 attempts (the default of enqueueJob); the definition's 1 wins.
    const id = (await enqueueJob(db, a.clock, name, { importId: 'i-1' })) as string;
    const first = a.worker.runOnce();
    await waitFor(async () => (await jobRow(id))?.status === 'running');
    expect((await jobRow(id))?.lockedUntil?.toISOString()).toBe('2026-11-21T09:01:00.000Z');
    a.clock.advance(61_000);
    const b = worker([def], createFixedClock('2026-11-21T09:01:01Z'), otherDb);
    expect((await Promise.all([a.worker.failAbandoned(), b.worker.failAbandoned()])).reduce((x, y) => x + y)).toBe(1);
    expect(await jobRow(id)).toMatchObject({ status: 'failed', attempts: 1 });
    expect((await jobRow(id))?.lastError).toMatch(/^The worker stopped while running this job 1 times/);
    expect(told).toEqual([{ payload: { importId: 'i-1' }, attempts: 1, message: (await jobRow(id))?.lastError }]);
    hung.open();
    await first;
    expect((await jobRow(id))?.status).toBe('failed');
  });

  it('does not retry a failure of a job that records its own failures, yet retries a run whose worker died', async () => {
    const name = uniqueName('no-retry');
    let calls = 0;
    const hung = gate();
    const def = defineJob({
      name,
      payload: z.object({}),
      maxAttempts: 3,
      retryFailures: false,
      handler: async () => {
        calls++;
        if (calls === 1) await hung.opened; // the first worker dies
        throw new Error('the file is unreadable');
      },
    });
    const a = worker([def]);
    const id = (await enqueueJob(db, a.clock, name, {})) as string;
    const first = a.worker.runOnce();
    await waitFor(async () => (await jobRow(id))?.status === 'running');
    a.clock.advance(6 * 60_000);
    const b = worker([def], createFixedClock('2026-11-21T09:06:00Z'));
    expect(await b.worker.runOnce()).toBe(1);
    expect(await jobRow(id)).toMatchObject({ status: 'failed', attempts: 2, lastError: 'the file is unreadable' });
    b.clock.advance(3600_000);
    expect(await b.worker.runOnce()).toBe(0);
    hung.open();
    await first;
    expect(calls).toBe(2);
  });

  it('runs the default lane while the bulk lane is busy, each lane up to its own concurrency', async () => {
    const bulkName = uniqueName('bulk');
    const quickName = uniqueName('quick');
    const held = gate();
    const bulkStarted: number[] = [];
    const quickDone: number[] = [];
    let quickRunning = 0;
    let quickMax = 0;
    const defs = [
      defineJob({
        name: bulkName,
        payload: z.object({ i: z.int() }),
        lane: 'bulk',
        handler: async (p) => {
          bulkStarted.push(p.i);
          await held.opened; // a long import, held until the test lets go
        },
      }),
      defineJob({
        name: quickName,
        payload: z.object({ i: z.int() }),
        handler: async (p) => {
          quickRunning++;
          quickMax = Math.max(quickMax, quickRunning);
          await new Promise((r) => setTimeout(r, 20));
          quickRunning--;
          quickDone.push(p.i);
        },
      }),
    ];
    const w = worker(defs, createFixedClock('2026-11-21T09:00:00Z'), db, { default: 3, bulk: 1 });
    for (const i of [1, 2]) await enqueueJob(db, w.clock, bulkName, { i });
    w.worker.start();
    try {
      await waitFor(async () => bulkStarted.length === 1);
      // All at once (one transaction), so the lane finds six due jobs and claims up to its concurrency.
      await db.transaction(async (tx) => {
        for (let i = 1; i <= 6; i++) await enqueueJob(tx, w.clock, quickName, { i });
      });
      await waitFor(async () => quickDone.length === 6);
      // All quick jobs finished while the first bulk job still ran, and the second bulk job waited for it.
      expect(bulkStarted).toHaveLength(1);
      expect(quickMax).toBeGreaterThan(1);
      expect(quickMax).toBeLessThanOrEqual(3);
      const bulkRows = await db.select().from(jobs).where(eq(jobs.name, bulkName));
      expect(bulkRows.map((r) => r.status).sort()).toEqual(['queued', 'running']);
      held.open();
      await waitFor(async () => (await db.select().from(jobs).where(eq(jobs.name, bulkName))).every((r) => r.status === 'done'));
      expect(bulkStarted).toHaveLength(2);
    } finally {
      held.open();
      await w.worker.stop();
    }
  });

  it('claims only the jobs it has a definition for', async () => {
    const known = uniqueName('known');
    const unknown = uniqueName('unknown');
    const w = worker([defineJob({ name: known, payload: z.object({}), handler: async () => 'ok' })]);
    const other = (await enqueueJob(db, w.clock, unknown, {})) as string;
    const mine = (await enqueueJob(db, w.clock, known, {})) as string;
    expect(await w.worker.runOnce()).toBe(1);
    expect(await jobRow(mine)).toMatchObject({ status: 'done' });
    // Left for an instance that knows it (e.g. a newer version during a rolling upgrade).
    expect(await jobRow(other)).toMatchObject({ status: 'queued', attempts: 0 });
  });

  it('enqueues inside the caller’s transaction: a rollback leaves no job', async () => {
    const name = uniqueName('tx');
    const clock = createFixedClock('2026-11-21T09:00:00Z');
    await expect(
      db.transaction(async (tx) => {
        await enqueueJob(tx, clock, name, {});
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await db.select().from(jobs).where(like(jobs.name, name))).toHaveLength(0);
    // A dedupe key makes enqueueing idempotent.
    const first = await enqueueJob(db, clock, name, {}, { dedupeKey: `${name}:1` });
    const second = await enqueueJob(db, clock, name, {}, { dedupeKey: `${name}:1` });
    expect(first).toBeTruthy();
    expect(second).toBeNull();
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('condition not reached');
}
