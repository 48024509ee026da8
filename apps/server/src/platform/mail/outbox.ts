import { and, eq, type SQL, sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { acrossOrganisations } from '../db/tenancy.ts';
import { newId, rowIdSql } from '../ids.ts';
import { enqueueJob } from '../jobs/queue.ts';
import { renderAttachments, type TMailAttachment, type TMailAttachmentRef, type TMailAttachmentRenderers } from './attachments.ts';
import { emailOutbox } from './outbox.table.ts';

export interface TOutgoingEmail {
  orgId: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Which renderer produced it, e.g. "password-reset". */
  template: string;
  /** Its own Message-ID (`<…@…>`), for a conversation that threads answers by it; one is made when left out. */
  messageId?: string;
  replyTo?: string | null;
  inReplyTo?: string | null;
  /** Space-separated Message-IDs of the conversation, oldest first. */
  references?: string | null;
  /** Extra headers (List-Unsubscribe …). */
  headers?: Record<string, string> | null;
  /** Files it carries, by reference: rendered by their module when the mail is delivered (mail/attachments.ts). */
  attachments?: TMailAttachmentRef[] | null;
}

/** Queue an e-mail inside the caller's transaction: it is sent only if that transaction commits. */
export async function enqueueEmail(tx: Db, clock: Clock, mail: TOutgoingEmail): Promise<string> {
  const id = newId();
  const now = clock.now();
  await tx.insert(emailOutbox).values({
    ...mail,
    html: mail.html ?? null,
    attachments: mail.attachments?.length ? mail.attachments : null,
    id,
    messageId: mail.messageId ?? `<${id}@customer365>`,
    nextAttemptAt: now,
    createdAt: now,
  });
  // Wake the worker now instead of waiting for the next scheduled delivery run.
  await enqueueJob(tx, clock, DELIVER_EMAIL_JOB, {}, { orgId: mail.orgId, dedupeKey: `${DELIVER_EMAIL_KEY_PREFIX}${id}` });
  return id;
}

/**
 * Many e-mails at once (a daily run's reminders): the rows and wake-up jobs enqueueEmail writes, set-based: per
 * organisation and chunk of 2,000 one statement that writes the outbox rows and their delivery jobs from one JSON
 * document (no per-row parameters to bind). Returns the outbox ids, in order.
 */
export async function enqueueEmails(tx: Db, clock: Clock, mails: TOutgoingEmail[]): Promise<string[]> {
  const now = clock.now().toISOString();
  const rows = mails.map((mail) => {
    const id = newId();
    return {
      org_id: mail.orgId,
      id,
      job_id: newId(),
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html ?? null,
      template: mail.template,
      message_id: mail.messageId ?? `<${id}@customer365>`,
      reply_to: mail.replyTo ?? null,
      in_reply_to: mail.inReplyTo ?? null,
      references: mail.references ?? null,
      headers: mail.headers ?? null,
      attachments: mail.attachments?.length ? mail.attachments : null,
    };
  });
  for (const orgId of new Set(rows.map((r) => r.org_id))) {
    const mine = rows.filter((r) => r.org_id === orgId);
    for (let i = 0; i < mine.length; i += 2000) {
      const doc = JSON.stringify(mine.slice(i, i + 2000));
      await tx.execute(sql`
        with src as (
          select * from jsonb_to_recordset(${doc}::jsonb) as r(id uuid, job_id uuid, "to" text, subject text, text text, html text,
            template text, message_id text, reply_to text, in_reply_to text, "references" text, headers jsonb, attachments jsonb)
        ), mail as (
          insert into email_outbox (org_id, id, "to", subject, text, html, template, next_attempt_at, message_id, reply_to, in_reply_to,
            "references", headers, attachments, created_at)
          select ${orgId}::uuid, id, "to", subject, text, html, template, ${now}::timestamptz, message_id, reply_to, in_reply_to,
            "references", headers, attachments, ${now}::timestamptz
          from src
        )
        insert into jobs (id, org_id, name, payload, dedupe_key, run_at, max_attempts, created_at)
        select job_id, ${orgId}::uuid, ${DELIVER_EMAIL_JOB}, '{}'::jsonb, ${DELIVER_EMAIL_KEY_PREFIX} || id::text, ${now}::timestamptz, 5,
          ${now}::timestamptz
        from src
        on conflict (dedupe_key) do nothing`);
    }
  }
  return rows.map((r) => r.id);
}

/**
 * Many e-mails from rows the caller selects (`source`: columns "to", subject, text), one INSERT … SELECT for the
 * outbox rows and their delivery jobs, so a batch of tens of thousands never leaves the database. Returns how many.
 */
export async function enqueueEmailsFrom(tx: Db, clock: Clock, orgId: string, template: string, source: SQL): Promise<number> {
  const now = clock.now().toISOString();
  const res = await tx.execute(sql`
    with src as materialized (
      select ${rowIdSql(sql`row_number() over ()`)} as id, ${rowIdSql(sql`row_number() over ()`)} as job_id, m."to", m.subject, m.text
      from (${source}) m where m."to" is not null
    ), mail as (
      insert into email_outbox (org_id, id, "to", subject, text, template, next_attempt_at, message_id, created_at)
      select ${orgId}::uuid, id, "to", subject, text, ${template}, ${now}::timestamptz, '<' || id::text || '@customer365>', ${now}::timestamptz
      from src
    ), job as (
      insert into jobs (id, org_id, name, payload, dedupe_key, run_at, max_attempts, created_at)
      select job_id, ${orgId}::uuid, ${DELIVER_EMAIL_JOB}, '{}'::jsonb, ${DELIVER_EMAIL_KEY_PREFIX} || id::text, ${now}::timestamptz, 5,
        ${now}::timestamptz
      from src
      on conflict (dedupe_key) do nothing
    )
    select count(*)::int as n from src`);
  return (res as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0;
}

export const DELIVER_EMAIL_JOB = 'deliver-email';
/** An e-mail's delivery job is keyed by this prefix and the outbox id, so the Jobs list can show it with its e-mail. */
export const DELIVER_EMAIL_KEY_PREFIX = 'deliver-email:';

export interface Mailer {
  readonly configured: boolean;
  send(mail: {
    from: string;
    to: string;
    subject: string;
    text: string;
    html?: string | null;
    messageId: string;
    replyTo?: string | null;
    inReplyTo?: string | null;
    references?: string | null;
    headers?: Record<string, string> | null;
    attachments?: TMailAttachment[];
  }): Promise<void>;
  close(): void;
}

export function createSmtpMailer(smtpUrl: string | undefined): Mailer {
  if (!smtpUrl) {
    return {
      configured: false,
      send: async () => {
        throw new Error('SMTP is not configured');
      },
      close() {},
    };
  }
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    configured: true,
    async send(mail) {
      await transport.sendMail({
        ...mail,
        html: mail.html ?? undefined,
        replyTo: mail.replyTo ?? undefined,
        inReplyTo: mail.inReplyTo ?? undefined,
        references: mail.references ?? undefined,
        headers: mail.headers ?? undefined,
        attachments: mail.attachments,
      });
    },
    close: () => transport.close(),
  };
}

const MAX_ATTEMPTS = 8;
const LOCK_MS = 60_000;

/**
 * The organisations with mail due now (a retry's backoff passed, or a wake-up job that was lost): the retry sweep
 * queues one delivery job for each, so every delivery run works on one organisation's mail.
 */
export async function organisationsWithDueEmail(db: Db, clock: Clock): Promise<string[]> {
  const now = clock.now().toISOString();
  return acrossOrganisations('the retry sweep finds every organisation with mail due', async () => {
    const res = await db.execute(sql`select distinct org_id from email_outbox
      where status = 'pending' and next_attempt_at <= ${now}::timestamptz order by 1`);
    return (res as unknown as { rows: { org_id: string }[] }).rows.map((r) => r.org_id);
  });
}

/**
 * Deliver one organisation's due outbox mail, up to `limit` rows. Each row is claimed with SKIP LOCKED and a lease,
 * so instances never send the same row concurrently; the row is marked sent right after SMTP accepts it. The
 * Message-ID is fixed per row, so in the rare crash between "accepted" and "marked sent" a resend is recognisable
 * as the same mail. Another organisation's backlog is never touched: its own delivery jobs send it.
 */
export async function deliverDueEmails(
  deps: { db: Db; clock: Clock; mailer: Mailer; from: string; logger: Logger; attachments?: TMailAttachmentRenderers },
  orgId: string,
  limit = 50,
) {
  if (!deps.mailer.configured) return { sent: 0, failed: 0 };
  const now = deps.clock.now();
  const claimed = await deps.db
    .update(emailOutbox)
    .set({ lockedUntil: new Date(now.getTime() + LOCK_MS), attempts: sql`${emailOutbox.attempts} + 1` })
    .where(
      sql`(${emailOutbox.orgId}, ${emailOutbox.id}) in (
        select org_id, id from email_outbox
        where org_id = ${orgId} and status = 'pending' and next_attempt_at <= ${now.toISOString()}::timestamptz
          and (locked_until is null or locked_until < ${now.toISOString()}::timestamptz)
        order by next_attempt_at limit ${limit} for update skip locked)`,
    )
    .returning();
  let sent = 0;
  let failed = 0;
  for (const row of claimed) {
    try {
      await deps.mailer.send({
        from: deps.from,
        to: row.to,
        subject: row.subject,
        text: row.text,
        html: row.html,
        messageId: row.messageId,
        replyTo: row.replyTo,
        inReplyTo: row.inReplyTo,
        references: row.references,
        headers: row.headers,
        attachments: row.attachments ? await renderAttachments(deps.attachments ?? {}, row.orgId, row.attachments) : undefined,
      });
      await deps.db
        .update(emailOutbox)
        .set({ status: 'sent', sentAt: deps.clock.now(), lockedUntil: null, lastError: null })
        .where(and(eq(emailOutbox.orgId, row.orgId), eq(emailOutbox.id, row.id)));
      sent++;
    } catch (err) {
      failed++;
      const giveUp = row.attempts >= MAX_ATTEMPTS;
      const backoffMs = Math.min(2 ** row.attempts * 30_000, 6 * 3600_000);
      deps.logger.warn({ err: (err as Error).message, outboxId: row.id, attempt: row.attempts }, 'e-mail delivery failed');
      await deps.db
        .update(emailOutbox)
        .set({
          status: giveUp ? 'failed' : 'pending',
          lastError: (err as Error).message.slice(0, 1000),
          lockedUntil: null,
          // A given-up e-mail is not tried again; its next_attempt_at then records when it was given up.
          nextAttemptAt: giveUp ? deps.clock.now() : new Date(deps.clock.now().getTime() + backoffMs),
        })
        .where(and(eq(emailOutbox.orgId, row.orgId), eq(emailOutbox.id, row.id)));
    }
  }
  return { sent, failed };
}
