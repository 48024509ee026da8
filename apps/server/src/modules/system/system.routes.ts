import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { type Actor, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Db } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { sendCsv } from '../../platform/http/csv.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors, ZIdParams, zPage } from '../../platform/http/schemas.ts';
import { emailOutbox } from '../../platform/mail/outbox.table.ts';
import type { Mailer } from '../../platform/mail/outbox.ts';
import { VERSION } from '../../version.ts';
import { createSystemLists, JOBS_CSV, OUTBOX_CSV, ZJobsQuery, ZOutboxQuery } from './system.lists.ts';

const ZHealth = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  time: z.string(),
  database: z.object({ kind: z.enum(['pglite', 'postgres']), ok: z.boolean(), version: z.string().nullable() }),
  mail: z.object({ smtpConfigured: z.boolean() }),
});

const ZOutboxEmail = z.object({
  id: z.uuid(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string().nullable(),
  template: z.string(),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

const ZJob = z.object({
  id: z.uuid(),
  name: z.string(),
  status: z.string(),
  attempts: z.int(),
  progress: z.unknown(),
  result: z.unknown(),
  lastError: z.string().nullable(),
  runAt: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function registerSystemRoutes(app: FastifyInstance, deps: { db: Db; database: Database; clock: Clock; mailer: Mailer }) {
  const r = typed(app);
  r.get('/api/health', {
    config: { public: true },
    schema: { operationId: 'getHealth', tags: ['system'], response: { 200: ZHealth, 503: ZHealth } },
    handler: async (_req, reply) => {
      const db = await Promise.race([
        deps.database.ping(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 3000).unref()),
      ]).catch(() => ({ ok: false, version: null }));
      const body = {
        status: db.ok ? ('ok' as const) : ('degraded' as const),
        version: VERSION,
        time: deps.clock.now().toISOString(),
        database: { kind: deps.database.kind, ok: db.ok, version: db.version },
        mail: { smtpConfigured: deps.mailer.configured },
      };
      return reply.status(db.ok ? 200 : 503).send(body);
    },
  });

  const lists = createSystemLists(deps.db);
  r.get('/api/v1/outbox', {
    schema: {
      operationId: 'listOutbox',
      tags: ['system'],
      querystring: ZOutboxQuery,
      response: { 200: zPage(ZOutboxEmail), ...standardErrors },
    },
    handler: async (req) => {
      const { rows, total } = await lists.listOutbox(actorOf(req), req.query);
      return { items: rows.map(toOutboxDto), total, page: req.query.page, pageSize: req.query.pageSize };
    },
  });

  r.get('/api/v1/outbox/export.csv', {
    schema: {
      operationId: 'exportOutboxCsv',
      tags: ['system'],
      description: 'Every e-mail of the outbox matching the same filters and order as the list, as CSV (without the bodies).',
      querystring: ZOutboxQuery.omit({ page: true, pageSize: true }),
      produces: ['text/csv'],
      response: { 200: z.string(), ...standardErrors },
    },
    handler: async (req, reply) => sendCsv(reply, 'outbox.csv', OUTBOX_CSV, lists.exportOutbox(actorOf(req), req.query)),
  });

  r.get('/api/v1/outbox/:id', {
    schema: { operationId: 'getOutboxEmail', tags: ['system'], params: ZIdParams, response: { 200: ZOutboxEmail, ...standardErrors } },
    handler: async (req) => {
      const actor: Actor = actorOf(req);
      requirePermission(actor, 'outbox:read');
      const [row] = await deps.db
        .select()
        .from(emailOutbox)
        .where(and(eq(emailOutbox.orgId, actor.orgId), eq(emailOutbox.id, req.params.id)));
      if (!row) throw notFound('E-mail');
      return toOutboxDto(row);
    },
  });

  r.get('/api/v1/jobs', {
    schema: {
      operationId: 'listJobs',
      tags: ['system'],
      querystring: ZJobsQuery,
      response: { 200: zPage(ZJob), ...standardErrors },
    },
    handler: async (req) => {
      const { rows, total } = await lists.listJobs(actorOf(req), req.query);
      return {
        items: rows.map((j) => ({
          id: j.id,
          name: j.name,
          status: j.status,
          attempts: j.attempts,
          progress: j.progress,
          result: j.result,
          lastError: j.lastError,
          runAt: j.runAt.toISOString(),
          createdAt: j.createdAt.toISOString(),
          finishedAt: iso(j.finishedAt),
        })),
        total,
        page: req.query.page,
        pageSize: req.query.pageSize,
      };
    },
  });

  r.get('/api/v1/jobs/export.csv', {
    schema: {
      operationId: 'exportJobsCsv',
      tags: ['system'],
      description: 'Every job matching the same filters and order as the list, as CSV (progress and result as JSON).',
      querystring: ZJobsQuery.omit({ page: true, pageSize: true }),
      produces: ['text/csv'],
      response: { 200: z.string(), ...standardErrors },
    },
    handler: async (req, reply) => sendCsv(reply, 'jobs.csv', JOBS_CSV, lists.exportJobs(actorOf(req), req.query)),
  });
}

function toOutboxDto(row: typeof emailOutbox.$inferSelect) {
  return {
    id: row.id,
    to: row.to,
    subject: row.subject,
    text: row.text,
    html: row.html,
    template: row.template,
    status: row.status as 'pending' | 'sent' | 'failed',
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    sentAt: iso(row.sentAt),
  };
}
