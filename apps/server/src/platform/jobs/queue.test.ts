/**
 * The job queue and scheduler on the real database: retries with backoff then failure, cron slots inserted
 * once however many instances schedule them, expired leases taken over, and enqueueing inside a transaction.
 */
import { eq, like } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createScratchDatabase, type ScratchDatabase } from '../../../test/scratch-database.ts';
import { createFixedClock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { newId } from '../ids.ts';
import { jobs } from './jobs.table.ts';
import { clientSafeMessage, createWorker, defineJob, enqueueJob, type JobDefinition } from './queue.ts';

let scratch: ScratchDatabase;
let db: Db;
let otherDb: Db;
const logger = pino({ level: 'silent' });

beforeAll(async () => {
  scratch = await createScratchDatabase();
  db = scratch.database.db;
  otherDb = (await scratch.openAnother()).db;
});
afterAll(async () => {
  await scratch?.close();
});

const jobRow = async (id: string) => (await db.select().from(jobs).where(eq(jobs.id, id)))[0];
/** Job names unique to one test: the database is shared by the tests of this file. */
const uniqueName = (what: string) => `test-${what}-${newId().slice(-8)}`;

function worker(definitions: JobDefinition[], clock = createFixedClock('2026-11-21T09:00:00Z'), database: Db = db) {
  return { clock, worker: createWorker({ db: database, clock, logger, definitions, pollMs: 50 }) };
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

describe('clientSafeMessage', () => {
  it('keeps the driver message of a wrapped query error and drops the SQL and its parameters', () => {
    const wrapped = Object.assign(new Error('Failed query: insert into "accounts" values ($1)\nparams: secret-value'), {
      cause: new Error('duplicate key value violates unique constraint'),
    });
    expect(clientSafeMessage(wrapped)).toBe('duplicate key value violates unique constraint');
    expect(clientSafeMessage(new Error('Failed query: select 1\nparams: secret'))).toBe('A database query failed');
    expect(clientSafeMessage(new Error('SMTP refused'))).toBe('SMTP refused');
  });
});
