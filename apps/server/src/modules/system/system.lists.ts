import { and, asc, count, desc, eq, ilike, lte, max, or, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { type Actor, requirePermission } from '../../platform/access/access.ts';
import type { Db } from '../../platform/db/database.ts';
import { containsPattern } from '../../platform/db/like.ts';
import { type CsvColumn, inBatches } from '../../platform/http/csv.ts';
import { ZPageQuery } from '../../platform/http/schemas.ts';
import { jobs } from '../../platform/jobs/jobs.table.ts';
import { emailOutbox } from '../../platform/mail/outbox.table.ts';

/** The outbox and job lists of Administration: filters, sorting, paging and their CSV exports. */

export const OUTBOX_SORTS = ['createdAt', 'sentAt', 'to', 'subject', 'status', 'attempts'] as const;
export const JOB_SORTS = ['createdAt', 'runAt', 'finishedAt', 'name', 'status', 'attempts'] as const;

/** `%`, `_` and `\` typed into a search box are literal characters, not patterns. */

// Newest first unless asked otherwise; empty values (not sent, not finished) last either way; the id keeps pages stable.
function orderBy(column: AnyPgColumn, order: 'asc' | 'desc', createdAt: AnyPgColumn, id: AnyPgColumn): SQL[] {
  const dir = sql.raw(order === 'asc' ? 'asc' : 'desc');
  const then = order === 'asc' ? asc : desc;
  return column === createdAt ? [sql`${column} ${dir}`, then(id)] : [sql`${column} ${dir} nulls last`, desc(createdAt), desc(id)];
}

export const ZOutboxQuery = ZPageQuery.extend({
  q: z.string().trim().max(200).optional(),
  status: z.enum(['pending', 'sent', 'failed']).optional(),
  sort: z.enum(OUTBOX_SORTS).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
type TOutboxQuery = Omit<z.infer<typeof ZOutboxQuery>, 'page' | 'pageSize'>;
type TOutboxRow = typeof emailOutbox.$inferSelect;

const OUTBOX_COLUMNS = {
  createdAt: emailOutbox.createdAt,
  sentAt: emailOutbox.sentAt,
  to: emailOutbox.to,
  subject: emailOutbox.subject,
  status: emailOutbox.status,
  attempts: emailOutbox.attempts,
};

export const OUTBOX_CSV: CsvColumn<TOutboxRow>[] = [
  ['id', (e) => e.id],
  ['created_at', (e) => e.createdAt],
  ['to', (e) => e.to],
  ['subject', (e) => e.subject],
  ['template', (e) => e.template],
  ['status', (e) => e.status],
  ['attempts', (e) => e.attempts],
  ['sent_at', (e) => e.sentAt],
  ['last_error', (e) => e.lastError],
];

export const ZJobsQuery = ZPageQuery.extend({
  status: z.enum(['queued', 'running', 'done', 'failed']).optional(),
  /** Exact job name. */
  name: z.string().max(100).optional(),
  /** Part of the job name. */
  q: z.string().trim().max(100).optional(),
  sort: z.enum(JOB_SORTS).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
type TJobsQuery = Omit<z.infer<typeof ZJobsQuery>, 'page' | 'pageSize'>;
type TJobRow = typeof jobs.$inferSelect;

const JOB_COLUMNS = {
  createdAt: jobs.createdAt,
  runAt: jobs.runAt,
  finishedAt: jobs.finishedAt,
  name: jobs.name,
  status: jobs.status,
  attempts: jobs.attempts,
};

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
export const JOBS_CSV: CsvColumn<TJobRow>[] = [
  ['id', (j) => j.id],
  ['name', (j) => j.name],
  ['status', (j) => j.status],
  ['attempts', (j) => j.attempts],
  ['created_at', (j) => j.createdAt],
  ['run_at', (j) => j.runAt],
  ['finished_at', (j) => j.finishedAt],
  ['progress', (j) => json(j.progress)],
  ['result', (j) => json(j.result)],
  ['last_error', (j) => j.lastError],
];

export function createSystemLists(db: Db) {
  const outboxWhere = (orgId: string, q: TOutboxQuery, until?: Date) =>
    and(
      eq(emailOutbox.orgId, orgId),
      q.status ? eq(emailOutbox.status, q.status) : undefined,
      q.q ? or(ilike(emailOutbox.to, containsPattern(q.q)), ilike(emailOutbox.subject, containsPattern(q.q))) : undefined,
      until ? lte(emailOutbox.createdAt, until) : undefined,
    );
  const outboxOrder = (q: TOutboxQuery) => orderBy(OUTBOX_COLUMNS[q.sort], q.order, emailOutbox.createdAt, emailOutbox.id);

  const jobsWhere = (orgId: string, q: TJobsQuery, until?: Date) =>
    and(
      eq(jobs.orgId, orgId),
      q.status ? eq(jobs.status, q.status) : undefined,
      q.name ? eq(jobs.name, q.name) : undefined,
      q.q ? ilike(jobs.name, containsPattern(q.q)) : undefined,
      until ? lte(jobs.createdAt, until) : undefined,
    );
  const jobsOrder = (q: TJobsQuery) => orderBy(JOB_COLUMNS[q.sort], q.order, jobs.createdAt, jobs.id);

  return {
    async listOutbox(actor: Actor, q: TOutboxQuery & { page: number; pageSize: number }) {
      requirePermission(actor, 'outbox:read');
      const where = outboxWhere(actor.orgId, q);
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
    },

    /** Every e-mail matching the list, in its order; e-mails queued after the export began are left out. */
    async *exportOutbox(actor: Actor, q: TOutboxQuery) {
      requirePermission(actor, 'outbox:read');
      requirePermission(actor, 'export:run');
      const [last] = await db
        .select({ at: max(emailOutbox.createdAt) })
        .from(emailOutbox)
        .where(outboxWhere(actor.orgId, q));
      if (!last?.at) return;
      const where = outboxWhere(actor.orgId, q, last.at);
      yield* inBatches((limit, offset) =>
        db
          .select()
          .from(emailOutbox)
          .where(where)
          .orderBy(...outboxOrder(q))
          .limit(limit)
          .offset(offset),
      );
    },

    async listJobs(actor: Actor, q: TJobsQuery & { page: number; pageSize: number }) {
      requirePermission(actor, 'job:read');
      const where = jobsWhere(actor.orgId, q);
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(jobs)
          .where(where)
          .orderBy(...jobsOrder(q))
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize),
        db.select({ n: count() }).from(jobs).where(where),
      ]);
      return { rows, total: total?.n ?? 0 };
    },

    /** Every job matching the list, in its order; jobs queued after the export began are left out. */
    async *exportJobs(actor: Actor, q: TJobsQuery) {
      requirePermission(actor, 'job:read');
      requirePermission(actor, 'export:run');
      const [last] = await db
        .select({ at: max(jobs.createdAt) })
        .from(jobs)
        .where(jobsWhere(actor.orgId, q));
      if (!last?.at) return;
      const where = jobsWhere(actor.orgId, q, last.at);
      yield* inBatches((limit, offset) =>
        db
          .select()
          .from(jobs)
          .where(where)
          .orderBy(...jobsOrder(q))
          .limit(limit)
          .offset(offset),
      );
    },
  };
}
