import { and, asc, count, desc, eq, ilike, inArray, lt, lte, max, or, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../platform/db/database.ts';
import { containsPattern } from '../../platform/db/like.ts';
import { jobs } from '../../platform/jobs/jobs.table.ts';
import { emailOutbox } from '../../platform/mail/outbox.table.ts';
import { DELIVER_EMAIL_JOB, DELIVER_EMAIL_KEY_PREFIX } from '../../platform/mail/outbox.ts';
import type { TJobsQuery, TOutboxQuery } from './system.schemas.ts';

/** Queries only: the outbox and job lists of Administration, their exports, and the queue's housekeeping. */

export type TOutboxRow = typeof emailOutbox.$inferSelect;
type TPage = { page: number; pageSize: number };

// Newest first unless asked otherwise; empty values (not sent, not finished) last either way; the id keeps pages stable.
function orderBy(column: SQLWrapper, order: 'asc' | 'desc', createdAt: AnyPgColumn, id: AnyPgColumn): SQL[] {
  const dir = sql.raw(order === 'asc' ? 'asc' : 'desc');
  const then = order === 'asc' ? asc : desc;
  return column === createdAt ? [sql`${column} ${dir}`, then(id)] : [sql`${column} ${dir} nulls last`, desc(createdAt), desc(id)];
}

const OUTBOX_COLUMNS = {
  createdAt: emailOutbox.createdAt,
  sentAt: emailOutbox.sentAt,
  to: emailOutbox.to,
  subject: emailOutbox.subject,
  status: emailOutbox.status,
  attempts: emailOutbox.attempts,
};

const outboxWhere = (orgId: string, q: TOutboxQuery, until?: Date) =>
  and(
    eq(emailOutbox.orgId, orgId),
    q.status ? eq(emailOutbox.status, q.status) : undefined,
    q.q ? or(ilike(emailOutbox.to, containsPattern(q.q)), ilike(emailOutbox.subject, containsPattern(q.q))) : undefined,
    until ? lte(emailOutbox.createdAt, until) : undefined,
  );
const outboxOrder = (q: TOutboxQuery) => orderBy(OUTBOX_COLUMNS[q.sort], q.order, emailOutbox.createdAt, emailOutbox.id);

export async function listOutbox(db: Db, orgId: string, q: TOutboxQuery & TPage) {
  const where = outboxWhere(orgId, q);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(emailOutbox)
      .where(where)
      .orderBy(...outboxOrder(q))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(emailOutbox).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** The newest creation time among the matching e-mails: an export stops there, leaving out mail queued meanwhile. */
export async function lastOutboxCreatedAt(db: Db, orgId: string, q: TOutboxQuery): Promise<Date | null> {
  const [last] = await db
    .select({ at: max(emailOutbox.createdAt) })
    .from(emailOutbox)
    .where(outboxWhere(orgId, q));
  return last?.at ?? null;
}

export function outboxPage(db: Db, orgId: string, q: TOutboxQuery, until: Date, limit: number, offset: number) {
  return db
    .select()
    .from(emailOutbox)
    .where(outboxWhere(orgId, q, until))
    .orderBy(...outboxOrder(q))
    .limit(limit)
    .offset(offset);
}

export async function findOutboxEmail(db: Db, orgId: string, id: string): Promise<TOutboxRow | null> {
  const [row] = await db
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.orgId, orgId), eq(emailOutbox.id, id)));
  return row ?? null;
}

/*
 * Jobs. An e-mail's delivery job (one per e-mail, keyed `deliver-email:<outbox id>`) only wakes the deliverer;
 * the e-mail's fate (retries with backoff, giving up) is recorded on the outbox row. So that Jobs and Outbox
 * never tell two stories about one e-mail, such a job is listed with its e-mail's state: pending → queued
 * (running while the worker has it), sent → done, failed → failed, with the e-mail's attempts, last error, next
 * attempt (run at) and sent or given-up time (finished at).
 */
const mailJoin = and(
  eq(jobs.name, DELIVER_EMAIL_JOB),
  eq(emailOutbox.orgId, jobs.orgId),
  sql`${emailOutbox.id} = (case when ${jobs.dedupeKey} like ${`${DELIVER_EMAIL_KEY_PREFIX}%`}
    then substr(${jobs.dedupeKey}, ${DELIVER_EMAIL_KEY_PREFIX.length + 1})::uuid end)`,
);
const isMail = sql`${emailOutbox.id} is not null`;
const jobStatus = sql<string>`(case when not ${isMail} then ${jobs.status}
  when ${emailOutbox.status} = 'sent' then 'done' when ${emailOutbox.status} = 'failed' then 'failed'
  when ${jobs.status} = 'running' then 'running' else 'queued' end)`;
const jobAttempts = sql<number>`coalesce(${emailOutbox.attempts}, ${jobs.attempts})`.mapWith(Number);
const jobRunAt = sql<Date>`(case when ${emailOutbox.status} = 'pending' then ${emailOutbox.nextAttemptAt} else ${jobs.runAt} end)`.mapWith(
  jobs.runAt,
);
const jobFinishedAt = sql<Date | null>`(case when not ${isMail} then ${jobs.finishedAt}
  when ${emailOutbox.status} = 'sent' then ${emailOutbox.sentAt}
  when ${emailOutbox.status} = 'failed' then ${emailOutbox.nextAttemptAt} end)`.mapWith(jobs.finishedAt);

const jobSelection = {
  id: jobs.id,
  name: jobs.name,
  status: jobStatus,
  attempts: jobAttempts,
  progress: jobs.progress,
  // The wake-up run's own result counts every organisation's mail it happened to deliver; the e-mail is what matters.
  result: sql<unknown>`(case when ${isMail} then null else ${jobs.result} end)`,
  lastError: sql<string | null>`(case when ${isMail} then ${emailOutbox.lastError} else ${jobs.lastError} end)`,
  runAt: jobRunAt,
  createdAt: jobs.createdAt,
  finishedAt: jobFinishedAt,
  emailId: emailOutbox.id,
};
export type TJobRow = {
  id: string;
  name: string;
  status: string;
  attempts: number;
  progress: unknown;
  result: unknown;
  lastError: string | null;
  runAt: Date;
  createdAt: Date;
  finishedAt: Date | null;
  emailId: string | null;
};

const JOB_COLUMNS = {
  createdAt: jobs.createdAt,
  runAt: jobRunAt,
  finishedAt: jobFinishedAt,
  name: jobs.name,
  status: jobStatus,
  attempts: jobAttempts,
};

const jobsWhere = (orgId: string, q: TJobsQuery, until?: Date) =>
  and(
    eq(jobs.orgId, orgId),
    q.status ? sql`${jobStatus} = ${q.status}` : undefined,
    q.name ? eq(jobs.name, q.name) : undefined,
    q.q ? ilike(jobs.name, containsPattern(q.q)) : undefined,
    until ? lte(jobs.createdAt, until) : undefined,
  );
const jobsOrder = (q: TJobsQuery) => orderBy(JOB_COLUMNS[q.sort], q.order, jobs.createdAt, jobs.id);

const selectJobs = (db: Db) => db.select(jobSelection).from(jobs).leftJoin(emailOutbox, mailJoin);

export async function listJobs(db: Db, orgId: string, q: TJobsQuery & TPage): Promise<{ rows: TJobRow[]; total: number }> {
  const where = jobsWhere(orgId, q);
  const [rows, [total]] = await Promise.all([
    selectJobs(db)
      .where(where)
      .orderBy(...jobsOrder(q))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(jobs).leftJoin(emailOutbox, mailJoin).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function lastJobCreatedAt(db: Db, orgId: string, q: TJobsQuery): Promise<Date | null> {
  const [last] = await db
    .select({ at: max(jobs.createdAt) })
    .from(jobs)
    .leftJoin(emailOutbox, mailJoin)
    .where(jobsWhere(orgId, q));
  return last?.at ?? null;
}

export function jobsPage(db: Db, orgId: string, q: TJobsQuery, until: Date, limit: number, offset: number): Promise<TJobRow[]> {
  return selectJobs(db)
    .where(jobsWhere(orgId, q, until))
    .orderBy(...jobsOrder(q))
    .limit(limit)
    .offset(offset);
}

/** Housekeeping of the queue, across organisations: finished jobs older than `before` are deleted. */
export async function deleteFinishedJobs(db: Db, before: Date) {
  await db.delete(jobs).where(and(inArray(jobs.status, ['done', 'failed']), lt(jobs.finishedAt, before)));
}
