/**
 * The transactional outbox: mail is written with the change that causes it, delivered by the worker over
 * real SMTP with retries and backoff, never sent twice (two instances racing), never sent when the
 * transaction rolls back, and kept (visible to admins) when SMTP is not configured.
 */
import { and, eq, like } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isDeep } from '../../../test/depth.ts';
import { buildTestApp, createTestOrg, signIn, type TestApp } from '../../../test/harness.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../../test/scratch-database.ts';
import { type SmtpSink, startSmtpSink } from '../../../test/smtp-sink.ts';
import { newId } from '../ids.ts';
import { jobs } from '../jobs/jobs.table.ts';
import type { TMailAttachmentRenderers } from './attachments.ts';
import { emailOutbox } from './outbox.table.ts';
import { createSmtpMailer, deliverDueEmails, enqueueEmail } from './outbox.ts';

let scratch: ScratchDatabase;
let smtp: SmtpSink;
const apps: TestApp[] = [];

beforeAll(async () => {
  scratch = await createScratchDatabase();
  smtp = await startSmtpSink();
});
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
  smtp.inbox.length = 0;
  smtp.refuseWith = null;
  smtp.refused = [];
});
afterAll(async () => {
  await scratch?.close();
  await smtp?.close();
});

async function app(opts: { smtpUrl?: string } = {}) {
  const a = await buildTestApp({ database: scratch.database, ...opts });
  apps.push(a);
  return a;
}

/** A user created without a password: their invitation is one outbox e-mail. */
async function invite(t: TestApp, headers: Record<string, string>) {
  const email = `invitee-${newId()}@test.example`;
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers, payload: { email, name: 'Invitee', role: 'read_only' } });
  expect(res.statusCode).toBe(201);
  const [row] = await t.db.select().from(emailOutbox).where(eq(emailOutbox.to, email));
  if (!row) throw new Error('no outbox row');
  return row;
}

const outboxRow = async (t: TestApp, id: string) => (await t.db.select().from(emailOutbox).where(eq(emailOutbox.id, id)))[0];

/** The e-mail's delivery job as Administration → Jobs lists it. */
async function deliveryJob(t: TestApp, headers: Record<string, string>, emailId: string) {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/jobs?name=deliver-email&pageSize=100', headers });
  expect(res.statusCode).toBe(200);
  return res.json().items.find((j: { emailId: string | null }) => j.emailId === emailId);
}

/** What the worker does every minute: schedule the sweep slot, then run due jobs. */
async function tick(t: TestApp) {
  await t.worker.scheduleDue();
  while ((await t.worker.runOnce()) > 0) {}
}

describe('outbox without SMTP', () => {
  it('keeps mail pending, untouched by the worker, and lists it for admins', async () => {
    const t = await app();
    const org = await createTestOrg(t);
    const row = await invite(t, org.admin.headers);
    await tick(t);
    t.clock.advance(3600_000);
    await tick(t);
    const after = await outboxRow(t, row.id);
    expect(after).toMatchObject({ status: 'pending', attempts: 0, sentAt: null });
    // Nor does the retry sweep queue delivery jobs for it, minute after minute.
    expect(await t.db.select().from(jobs).where(like(jobs.dedupeKey, 'deliver-email-sweep:%'))).toEqual([]);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/outbox?status=pending', headers: org.admin.headers });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((m: { id: string }) => m.id)).toContain(row.id);
    const one = await t.app.inject({ method: 'GET', url: `/api/v1/outbox/${row.id}`, headers: org.admin.headers });
    expect(one.json()).toMatchObject({ id: row.id, to: row.to, template: 'invitation', status: 'pending' });
    // The sign-in link is there for the admin to see, but not usable: its token is masked.
    expect(one.json().text).toContain('/reset-password?token=•••');
    expect(one.json().text).not.toMatch(/token=[A-Za-z0-9_-]{16,}/);
    expect(row.text).toMatch(/token=[A-Za-z0-9_-]{16,}/);
    // Jobs and Outbox agree: the e-mail waits, so does its delivery job.
    expect(await deliveryJob(t, org.admin.headers, row.id)).toMatchObject({
      status: 'queued',
      attempts: 0,
      lastError: null,
      finishedAt: null,
    });
    expect(one.json().nextAttemptAt).toBe(row.nextAttemptAt.toISOString());
    // Only admins read the outbox: it holds sign-in links.
    const csm = await org.as('csm');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/outbox', headers: csm.headers })).statusCode).toBe(403);
  });
});

describe('outbox with failing SMTP', () => {
  it('retries with growing backoff and gives up after 8 attempts', async () => {
    const t = await app({ smtpUrl: smtp.url });
    const org = await createTestOrg(t);
    smtp.refuseWith = 550;
    const row = await invite(t, org.admin.headers);
    await tick(t);
    let current = await outboxRow(t, row.id);
    expect(current).toMatchObject({ status: 'pending', attempts: 1 });
    expect(current?.lastError).toMatch(/550|Mailbox unavailable/);
    // Jobs tells the same story as Outbox: waiting for the next attempt, with the same error and count.
    expect(await deliveryJob(t, org.admin.headers, row.id)).toMatchObject({
      status: 'queued',
      attempts: 1,
      lastError: current?.lastError,
      runAt: current?.nextAttemptAt.toISOString(),
      finishedAt: null,
      result: null,
    });
    const gaps: number[] = [];
    for (let attempt = 1; attempt < 8; attempt++) {
      const due = current?.nextAttemptAt.getTime() ?? 0;
      gaps.push(due - t.clock.now().getTime());
      // Not before it is due (checked at the first, a middle and the last retry; at every one in test:deep)…
      if (isDeep || attempt % 3 === 1) {
        t.clock.set(new Date(due - 1000));
        await tick(t);
        expect((await outboxRow(t, row.id))?.attempts).toBe(attempt);
      }
      // …and right after.
      t.clock.set(new Date(due + 60_000));
      await tick(t);
      current = await outboxRow(t, row.id);
      expect(current?.attempts).toBe(attempt + 1);
    }
    expect(current).toMatchObject({ status: 'failed', attempts: 8, sentAt: null });
    expect(smtp.refused.filter((to) => to === row.to)).toHaveLength(8);
    expect(smtp.inbox.filter((m) => m.messageId === row.messageId)).toHaveLength(0);
    // Exponential backoff: 1, 2, 4 … 64 minutes.
    expect(gaps).toEqual([1, 2, 4, 8, 16, 32, 64].map((m) => m * 60_000));
    // A failed mail is not retried any more.
    t.clock.advance(24 * 3600_000);
    await tick(t);
    expect(smtp.refused.filter((to) => to === row.to)).toHaveLength(8);
    const admin = await signIn(t, org.admin.email); // a day later: the first session has gone idle
    const failed = await t.app.inject({ method: 'GET', url: '/api/v1/outbox?status=failed', headers: admin.headers });
    expect(failed.json().items.map((m: { id: string }) => m.id)).toContain(row.id);
    const job = await deliveryJob(t, admin.headers, row.id);
    expect(job).toMatchObject({ status: 'failed', attempts: 8, lastError: current?.lastError });
    expect(job.finishedAt).not.toBeNull();
    const failedJobs = await t.app.inject({ method: 'GET', url: '/api/v1/jobs?status=failed', headers: admin.headers });
    expect(failedJobs.json().items.map((j: { id: string }) => j.id)).toContain(job.id);
  });

  it('delivers once the server accepts again, exactly once', async () => {
    const t = await app({ smtpUrl: smtp.url });
    const org = await createTestOrg(t);
    smtp.refuseWith = 451;
    const row = await invite(t, org.admin.headers);
    await tick(t);
    expect(smtp.refused.filter((to) => to === row.to)).toHaveLength(1);
    smtp.refuseWith = null;
    t.clock.advance(2 * 60_000);
    await tick(t);
    t.clock.advance(60 * 60_000);
    await tick(t);
    expect(smtp.inbox.filter((m) => m.subject?.includes('invited'))).toHaveLength(1);
    const sent = await outboxRow(t, row.id);
    expect(sent).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    // The job that failed its first run is done now, as its e-mail is sent; no failed job is left behind.
    const job = await deliveryJob(t, org.admin.headers, row.id);
    expect(job).toMatchObject({ status: 'done', attempts: 2, lastError: null, finishedAt: sent?.sentAt?.toISOString() });
    const done = await t.app.inject({ method: 'GET', url: '/api/v1/jobs?status=done&name=deliver-email', headers: org.admin.headers });
    expect(done.json().items.map((j: { id: string }) => j.id)).toContain(job.id);
    const failedJobs = await t.app.inject({ method: 'GET', url: '/api/v1/jobs?status=failed', headers: org.admin.headers });
    expect(failedJobs.json().total).toBe(0);
    // The delivered e-mail carries the real link; the outbox shows it masked.
    const delivered = smtp.inbox.find((m) => m.messageId === row.messageId);
    const token = /token=([A-Za-z0-9_-]+)/.exec(row.text)?.[1] ?? '';
    expect(token.length).toBeGreaterThan(16);
    expect(delivered?.text).toContain(`token=${token}`);
    const shown = await t.app.inject({ method: 'GET', url: `/api/v1/outbox/${row.id}`, headers: org.admin.headers });
    expect(shown.json()).toMatchObject({ status: 'sent', nextAttemptAt: null });
    expect(shown.body).not.toContain(token);
  });

  it('survives an SMTP server that is not there (closed port)', async () => {
    const closed = await startSmtpSink();
    await closed.close();
    const t = await app({ smtpUrl: closed.url });
    const org = await createTestOrg(t);
    const row = await invite(t, org.admin.headers);
    await tick(t);
    const after = await outboxRow(t, row.id);
    expect(after).toMatchObject({ status: 'pending', attempts: 1 });
    expect(after?.lastError).toMatch(/ECONNREFUSED|connect/i);
  });
});

describe('outbox delivery guarantees', () => {
  it('sends each mail exactly once when two instances deliver at the same time', async () => {
    const a = await app({ smtpUrl: smtp.url });
    const otherDb = await scratch.openAnother();
    const b = await buildTestApp({ database: otherDb, smtpUrl: smtp.url });
    apps.push(b);
    const org = await createTestOrg(a);
    const rows = [];
    for (let i = 0; i < 24; i++) rows.push(await invite(a, org.admin.headers));
    const drain = async (t: TestApp) => {
      while ((await t.worker.runOnce()) > 0) {}
    };
    const mailer = createSmtpMailer(smtp.url);
    const logger = pino({ level: 'silent' });
    // Small batches from many deliverers on both instances, so their claims overlap.
    const direct = async (t: TestApp) => {
      for (;;) {
        const { sent, failed } = await deliverDueEmails({ db: t.db, clock: t.clock, mailer, from: 'x@test.example', logger }, org.orgId, 2);
        if (sent + failed === 0) return;
      }
    };
    try {
      await Promise.all([drain(a), drain(b), ...[a, b, a, b, a, b, a, b].map(direct)]);
      await Promise.all([drain(a), drain(b)]);
    } finally {
      mailer.close();
    }
    const ids = rows.map((r) => r.messageId);
    const received = smtp.inbox.map((m) => m.messageId).filter((id) => ids.includes(id ?? ''));
    expect(received).toHaveLength(24);
    expect(new Set(received).size).toBe(24);
    for (const r of rows) expect((await outboxRow(a, r.id))?.status).toBe('sent');
  });

  it('delivers only the organisation whose mail woke it; the retry sweep queues one delivery per organisation', async () => {
    const t = await app({ smtpUrl: smtp.url });
    // A minute no other test of this file's database reaches, so its sweep slot is still free.
    t.clock.set('2026-11-25T07:03:00Z');
    const mine = await createTestOrg(t, 'Mine');
    const other = await createTestOrg(t, 'Other');
    // The other organisation's backlog is due, its wake-up jobs are not (they wait behind other work).
    const queue = (orgId: string, subject: string) =>
      t.db.transaction((tx) => enqueueEmail(tx, t.clock, { orgId, to: `${newId()}@test.example`, subject, text: 'x', template: 'test' }));
    const backlog = [await queue(other.orgId, 'Backlog 1'), await queue(other.orgId, 'Backlog 2'), await queue(other.orgId, 'Backlog 3')];
    await t.db
      .update(jobs)
      .set({ runAt: new Date(t.clock.now().getTime() + 3600_000) })
      .where(eq(jobs.orgId, other.orgId));
    const row = await invite(t, mine.admin.headers);
    while ((await t.worker.runOnce()) > 0) {}
    expect(smtp.inbox.map((m) => m.messageId)).toEqual([row.messageId]);
    for (const id of backlog) expect(await outboxRow(t, id)).toMatchObject({ status: 'pending', attempts: 0 });
    const [woke] = await t.db
      .select()
      .from(jobs)
      .where(eq(jobs.dedupeKey, `deliver-email:${row.id}`));
    expect(woke).toMatchObject({ orgId: mine.orgId, status: 'done', result: { sent: 1 } });

    // The sweep (every minute) queues a delivery job for the organisation with mail due, and none for the other.
    await tick(t);
    expect(smtp.inbox.filter((m) => m.subject?.startsWith('Backlog'))).toHaveLength(3);
    // (Other tests' organisations with mail still due get theirs too.)
    const swept = (await t.db.select().from(jobs).where(like(jobs.dedupeKey, 'deliver-email-sweep:%'))).filter(
      (j) => j.orgId === mine.orgId || j.orgId === other.orgId,
    );
    expect(swept.map((j) => [j.orgId, j.status, j.result])).toEqual([[other.orgId, 'done', { sent: 3 }]]);
    // Once every mail is out, a later sweep queues none.
    t.clock.advance(60_000);
    await tick(t);
    expect(
      await t.db
        .select()
        .from(jobs)
        .where(and(like(jobs.dedupeKey, 'deliver-email-sweep:%'), eq(jobs.orgId, mine.orgId))),
    ).toEqual([]);
  });

  it('never sends mail enqueued in a transaction that rolled back', async () => {
    const t = await app({ smtpUrl: smtp.url });
    const org = await createTestOrg(t);
    const to = `rolled-back-${newId()}@test.example`;
    await expect(
      t.db.transaction(async (tx) => {
        await enqueueEmail(tx, t.clock, { orgId: org.orgId, to, subject: 'Never', text: 'Never sent', template: 'test' });
        throw new Error('the change failed after the mail was queued');
      }),
    ).rejects.toThrow(/the change failed/);
    expect(await t.db.select().from(emailOutbox).where(eq(emailOutbox.to, to))).toHaveLength(0);
    await tick(t);
    expect(smtp.inbox.filter((m) => m.subject === 'Never')).toHaveLength(0);

    // The committed twin is delivered, with its wake-up job.
    const id = await t.db.transaction((tx) =>
      enqueueEmail(tx, t.clock, { orgId: org.orgId, to, subject: 'Committed', text: 'Sent', template: 'test' }),
    );
    expect(
      await t.db
        .select()
        .from(jobs)
        .where(eq(jobs.dedupeKey, `deliver-email:${id}`)),
    ).toHaveLength(1);
    await t.worker.runOnce();
    expect(smtp.inbox.filter((m) => m.subject === 'Committed')).toHaveLength(1);
  });

  it('attaches files by reference, rendered at delivery; a file that is gone holds the mail back', async () => {
    const t = await app({ smtpUrl: smtp.url });
    const org = await createTestOrg(t);
    const files = new Map([['r1', Buffer.from('%PDF-1.4 first file')]]);
    const renderers: TMailAttachmentRenderers = {
      'test-file': async (orgId, ref) => {
        expect(orgId).toBe(org.orgId);
        const content = files.get(ref);
        return content ? { content, contentType: 'application/pdf' } : null;
      },
    };
    const queue = (subject: string, ref: string) =>
      t.db.transaction((tx) =>
        enqueueEmail(tx, t.clock, {
          orgId: org.orgId,
          to: `files-${newId()}@test.example`,
          subject,
          text: 'See the file',
          template: 'test',
          attachments: [{ kind: 'test-file', ref, filename: `${ref}.pdf` }],
        }),
      );
    const kept = await queue('With a file', 'r1');
    const gone = await queue('With a file that is gone', 'r2');
    expect((await outboxRow(t, kept))?.attachments).toEqual([{ kind: 'test-file', ref: 'r1', filename: 'r1.pdf' }]);
    const mailer = createSmtpMailer(smtp.url);
    try {
      const deps = { db: t.db, clock: t.clock, mailer, from: 'x@test.example', logger: pino({ level: 'silent' }), attachments: renderers };
      expect(await deliverDueEmails(deps, org.orgId)).toEqual({ sent: 1, failed: 1 });
    } finally {
      mailer.close();
    }
    const received = smtp.inbox.find((m) => m.subject === 'With a file');
    expect(received?.attachments.map((a) => [a.filename, a.contentType, a.content.toString()])).toEqual([
      ['r1.pdf', 'application/pdf', '%PDF-1.4 first file'],
    ]);
    expect(received?.text).toContain('See the file');
    expect(smtp.inbox.filter((m) => m.subject === 'With a file that is gone')).toHaveLength(0);
    expect(await outboxRow(t, gone)).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'the attachment r2.pdf (test-file) no longer exists',
    });
    const shown = await t.app.inject({ method: 'GET', url: `/api/v1/outbox/${kept}`, headers: org.admin.headers });
    expect(shown.json()).toMatchObject({ status: 'sent', attachments: ['r1.pdf'] });
  });
});
