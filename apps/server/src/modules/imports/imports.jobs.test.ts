import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, type TestApp } from '../../../test/harness.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../../test/scratch-database.ts';
import { type SmtpSink, startSmtpSink } from '../../../test/smtp-sink.ts';
import { createFixedClock } from '../../platform/clock.ts';
import { jobs } from '../../platform/jobs/jobs.table.ts';
import { createWorker } from '../../platform/jobs/queue.ts';
import { createSmtpMailer } from '../../platform/mail/outbox.ts';
import { systemJobs } from '../system/index.ts';
import { importJobs } from './imports.jobs.ts';
import type { ImportService } from './imports.service.ts';
import { csv, getImport, uploadAndValidate } from './imports.test-helpers.ts';

/**
 * Import jobs in the worker: they run in the bulk lane, so e-mail is delivered while an import runs, and an
 * import whose server keeps stopping under it ends as failed instead of "importing" for ever. The import
 * handler is held at a gate (then runs for real), which stands for a long import or a worker that died.
 * A database of its own, so no worker of another test file takes these jobs.
 */
let t: TestApp;
let scratch: ScratchDatabase;
let smtp: SmtpSink;
const logger = pino({ level: 'silent' });
const mailer = { current: null as ReturnType<typeof createSmtpMailer> | null };

beforeAll(async () => {
  smtp = await startSmtpSink();
  scratch = await createScratchDatabase();
  t = await buildTestApp({ database: scratch.database, smtpUrl: smtp.url });
  mailer.current = createSmtpMailer(smtp.url);
});
afterAll(async () => {
  mailer.current?.close();
  await t?.close();
  await scratch?.close();
  await smtp?.close();
});

function gate() {
  let open: () => void = () => {};
  const opened = new Promise<void>((r) => {
    open = r;
  });
  return { opened, open };
}

/** A worker like the app's, whose import runs wait for `held` before they start. */
function workerWithHeldImports(held: Promise<void>, clock = t.clock) {
  const imports: ImportService = {
    ...t.services.imports,
    runImport: async (payload, ctx) => {
      await held;
      return t.services.imports.runImport(payload, ctx);
    },
  };
  const definitions = [
    ...systemJobs({ db: t.db, clock, mailer: mailer.current as NonNullable<typeof mailer.current>, mailFrom: 'c365@test.example', logger }),
    ...importJobs({ imports }),
  ];
  return createWorker({ db: t.db, clock, logger, definitions, pollMs: 20, concurrency: { default: 2, bulk: 1 } });
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function startedImport(org: Awaited<ReturnType<typeof createTestOrg>>, mode: 'all_or_nothing' | 'skip_invalid') {
  const file = csv([
    ['Name', 'Domain'],
    ['Acme', 'acme.example'],
    ['Fjord', 'fjord.example'],
  ]);
  const validated = await uploadAndValidate(t, org.admin.headers, 'accounts', 'accounts.csv', file);
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/imports/${validated.id}/start`,
    headers: org.admin.headers,
    payload: { mode },
  });
  expect(res.statusCode).toBe(202);
  const jobId = (await t.services.imports.findRow(org.orgId, validated.id))?.jobId as string;
  const job = async () => (await t.db.select().from(jobs).where(eq(jobs.id, jobId)))[0];
  return { importId: validated.id, jobId, job };
}

describe('import jobs', () => {
  it('run in the bulk lane: a password-reset e-mail goes out while an import is running', async () => {
    const org = await createTestOrg(t);
    const user = await org.as('csm');
    const { importId, job } = await startedImport(org, 'skip_invalid');
    const held = gate();
    const worker = workerWithHeldImports(held.opened);
    worker.start();
    try {
      await waitFor(async () => (await job())?.status === 'running', 'the import job to start');
      const reset = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email: user.email } });
      expect(reset.statusCode).toBe(202);
      await waitFor(async () => smtp.inbox.some((m) => m.subject === 'Reset your Customer365 password'), 'the e-mail');
      // The import is still running: the e-mail did not wait for it.
      expect((await job())?.status).toBe('running');
      expect((await getImport(t, org.admin.headers, importId)).status).toBe('importing');
      held.open();
      await waitFor(async () => (await job())?.status === 'done', 'the import job to finish');
      expect(await getImport(t, org.admin.headers, importId)).toMatchObject({ status: 'completed', insertedRows: 2 });
    } finally {
      held.open();
      await worker.stop();
    }
  });

  it('end as failed, with the reason in the import and in the jobs list, when the server stops under them every time', async () => {
    const org = await createTestOrg(t);
    const { importId, jobId, job } = await startedImport(org, 'all_or_nothing');
    const dead = gate(); // the import runs of the workers below never report back, as if their process died
    const start = t.clock.now().getTime();
    const runs: Promise<number>[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      // Each next instance comes along after the lease (5 minutes) of the one before has run out.
      const worker = workerWithHeldImports(dead.opened, createFixedClock(new Date(start + (attempt - 1) * 6 * 60_000)));
      runs.push(worker.runOnce());
      await waitFor(async () => (await job())?.attempts === attempt, `attempt ${attempt}`);
    }
    const last = workerWithHeldImports(dead.opened, createFixedClock(new Date(start + 18 * 60_000)));
    expect(await last.runOnce()).toBe(0);

    const imp = await getImport(t, org.admin.headers, importId);
    expect(imp).toMatchObject({ status: 'failed', insertedRows: 0 });
    expect(imp.failureMessage).toBe(
      'The server stopped while this ran, 3 times in a row (for example it ran out of memory, or was restarted); nothing was imported.',
    );
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/jobs?status=failed', headers: org.admin.headers });
    expect(list.statusCode).toBe(200);
    const failed = (list.json().items as { id: string; name: string; lastError: string }[]).find((j) => j.id === jobId);
    expect(failed?.name).toBe('imports.run');
    expect(failed?.lastError).toMatch(/^The worker stopped while running this job 3 times/);
    // The "dead" workers come back late: the import and the job stay failed.
    dead.open();
    await Promise.all(runs);
    expect((await job())?.status).toBe('failed');
    expect((await getImport(t, org.admin.headers, importId)).status).toBe('failed');
    const accounts = await t.app.inject({ method: 'GET', url: '/api/v1/accounts?q=acme.example', headers: org.admin.headers });
    expect(accounts.json().total).toBe(0);
  });
});
