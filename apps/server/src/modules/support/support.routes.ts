import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { type CsvColumn, sendCsv } from '../../platform/http/csv.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors, ZIdParams } from '../../platform/http/schemas.ts';
import {
  type TSupportRequest,
  ZAccountSupportQuery,
  ZCreateSupportRequest,
  ZSupportExportQuery,
  ZSupportPage,
  ZSupportQuery,
  ZSupportReply,
  ZSupportRequestDetail,
  ZSupportSettings,
  ZUpdateSupportRequest,
  ZUpdateSupportSettings,
} from './support.schemas.ts';
import type { SupportService } from './support.service.ts';

/** The columns of the CSV export, in order. */
const SUPPORT_CSV: CsvColumn<TSupportRequest>[] = [
  ['number', (r) => r.number],
  ['subject', (r) => r.subject],
  ['status', (r) => r.status],
  ['priority', (r) => r.priority],
  ['channel', (r) => r.channel],
  ['account', (r) => r.accountName],
  ['contact', (r) => r.contactName],
  ['requester_email', (r) => r.requesterEmail],
  ['assignee', (r) => r.assigneeName],
  ['first_response_due_at', (r) => r.sla.firstResponseDueAt],
  ['resolution_due_at', (r) => r.sla.resolutionDueAt],
  ['breached', (r) => (r.sla.breached ? 'yes' : 'no')],
  ['first_responded_at', (r) => r.firstRespondedAt],
  ['solved_at', (r) => r.solvedAt],
  ['messages', (r) => r.messageCount],
  ['created_at', (r) => r.createdAt],
];

const tags = ['support'];

/** Each route: its schema (validation, types, OpenAPI), an operationId for the generated client, a one-line handler. */
export function registerSupportRoutes(app: FastifyInstance, deps: { support: SupportService }) {
  const r = typed(app);
  const svc = deps.support;

  r.get('/api/v1/support/requests', {
    schema: {
      operationId: 'listSupportRequests',
      summary: 'The support inbox',
      tags,
      querystring: ZSupportQuery,
      response: { 200: ZSupportPage, ...standardErrors },
    },
    handler: async (req) => svc.list(actorOf(req), req.query),
  });

  r.get('/api/v1/support/requests/export.csv', {
    schema: {
      operationId: 'exportSupportRequestsCsv',
      summary: 'Export the support requests as CSV',
      description: 'Every request matching the same filters and order as the inbox.',
      tags,
      querystring: ZSupportExportQuery,
      produces: ['text/csv'],
      response: { 200: z.string(), ...standardErrors },
    },
    handler: async (req, reply) => sendCsv(reply, 'support-requests.csv', SUPPORT_CSV, svc.exportRows(actorOf(req), req.query)),
  });

  r.post('/api/v1/support/requests', {
    schema: {
      operationId: 'createSupportRequest',
      summary: 'Log a support request for an account',
      tags,
      body: ZCreateSupportRequest,
      response: { 201: ZSupportRequestDetail, ...standardErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await svc.create(actorOf(req), req.body)),
  });

  r.get('/api/v1/support/settings', {
    schema: {
      operationId: 'getSupportSettings',
      summary: 'The SLA targets and the inbound address',
      tags,
      response: { 200: ZSupportSettings, ...standardErrors },
    },
    handler: async (req) => svc.settings(actorOf(req)),
  });

  r.put('/api/v1/support/settings', {
    schema: {
      operationId: 'updateSupportSettings',
      summary: 'Set the SLA targets per priority',
      description: 'They apply at once to every request that is not solved or closed.',
      tags,
      body: ZUpdateSupportSettings,
      response: { 200: ZSupportSettings, ...standardErrors },
    },
    handler: async (req) => svc.saveSettings(actorOf(req), req.body),
  });

  r.get('/api/v1/support/requests/:id', {
    schema: {
      operationId: 'getSupportRequest',
      summary: 'A support request with its conversation',
      tags,
      params: ZIdParams,
      response: { 200: ZSupportRequestDetail, ...standardErrors },
    },
    handler: async (req) => svc.get(actorOf(req), req.params.id),
  });

  r.patch('/api/v1/support/requests/:id', {
    schema: {
      operationId: 'updateSupportRequest',
      summary: 'Assign a support request, or change its status, priority, account or subject',
      tags,
      params: ZIdParams,
      body: ZUpdateSupportRequest,
      response: { 200: ZSupportRequestDetail, ...standardErrors },
    },
    handler: async (req) => svc.update(actorOf(req), req.params.id, req.body),
  });

  r.post('/api/v1/support/requests/:id/messages', {
    schema: {
      operationId: 'replyToSupportRequest',
      summary: 'Reply to the customer by e-mail, or add an internal note',
      tags,
      params: ZIdParams,
      body: ZSupportReply,
      response: { 200: ZSupportRequestDetail, ...standardErrors },
    },
    handler: async (req) => svc.reply(actorOf(req), req.params.id, req.body),
  });

  r.get('/api/v1/accounts/:id/support-requests', {
    schema: {
      operationId: 'listSupportRequestsOfAccount',
      summary: 'The support requests of an account',
      tags,
      params: ZIdParams,
      querystring: ZAccountSupportQuery,
      response: { 200: ZSupportPage, ...standardErrors },
    },
    handler: async (req) => svc.listOfAccount(actorOf(req), req.params.id, req.query),
  });
}
