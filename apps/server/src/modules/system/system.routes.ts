import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { type CsvColumn, sendCsv } from '../../platform/http/csv.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors, ZErrorResponse, ZIdParams, zPage } from '../../platform/http/schemas.ts';
import {
  type TJob,
  type TOutboxEmail,
  ZHealth,
  ZJob,
  ZJobsExportQuery,
  ZJobsQuery,
  ZOutboxEmail,
  ZOutboxExportQuery,
  ZOutboxQuery,
} from './system.schemas.ts';
import type { SystemService } from './system.service.ts';

const OUTBOX_CSV: CsvColumn<TOutboxEmail>[] = [
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

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
const JOBS_CSV: CsvColumn<TJob>[] = [
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

export function registerSystemRoutes(app: FastifyInstance, deps: { system: SystemService }) {
  const r = typed(app);
  const svc = deps.system;
  r.get('/api/health', {
    config: { public: true },
    schema: {
      operationId: 'getHealth',
      tags: ['system'],
      summary: 'Check that the server and its database answer',
      // 400: a query parameter it does not take (every query string is strict).
      response: { 200: ZHealth, 400: ZErrorResponse, 503: ZHealth },
    },
    handler: async (_req, reply) => svc.health().then((h) => reply.status(h.database.ok ? 200 : 503).send(h)),
  });

  r.get('/api/v1/outbox', {
    schema: {
      operationId: 'listOutbox',
      tags: ['system'],
      summary: 'List the e-mails of the outbox, delivered or waiting',
      querystring: ZOutboxQuery,
      response: { 200: zPage(ZOutboxEmail), ...standardErrors },
    },
    handler: async (req) => svc.listOutbox(actorOf(req), req.query),
  });

  r.get('/api/v1/outbox/export.csv', {
    schema: {
      operationId: 'exportOutboxCsv',
      tags: ['system'],
      summary: 'Export the outbox as CSV',
      description: 'Every e-mail of the outbox matching the same filters and order as the list, as CSV (without the bodies).',
      querystring: ZOutboxExportQuery,
      produces: ['text/csv'],
      response: { 200: z.string(), ...standardErrors },
    },
    handler: async (req, reply) => sendCsv(reply, 'outbox.csv', OUTBOX_CSV, svc.exportOutbox(actorOf(req), req.query)),
  });

  r.get('/api/v1/outbox/:id', {
    schema: {
      operationId: 'getOutboxEmail',
      tags: ['system'],
      summary: 'Get one e-mail of the outbox with its body',
      params: ZIdParams,
      response: { 200: ZOutboxEmail, ...standardErrors },
    },
    handler: async (req) => svc.getOutboxEmail(actorOf(req), req.params.id),
  });

  r.get('/api/v1/jobs', {
    schema: {
      operationId: 'listJobs',
      tags: ['system'],
      summary: "List the organisation's background jobs",
      description: "An e-mail's delivery job is listed with its e-mail's state (see emailId), the same as the outbox shows.",
      querystring: ZJobsQuery,
      response: { 200: zPage(ZJob), ...standardErrors },
    },
    handler: async (req) => svc.listJobs(actorOf(req), req.query),
  });

  r.get('/api/v1/jobs/export.csv', {
    schema: {
      operationId: 'exportJobsCsv',
      tags: ['system'],
      summary: 'Export the jobs as CSV',
      description: 'Every job matching the same filters and order as the list, as CSV (progress and result as JSON).',
      querystring: ZJobsExportQuery,
      produces: ['text/csv'],
      response: { 200: z.string(), ...standardErrors },
    },
    handler: async (req, reply) => sendCsv(reply, 'jobs.csv', JOBS_CSV, svc.exportJobs(actorOf(req), req.query)),
  });
}
