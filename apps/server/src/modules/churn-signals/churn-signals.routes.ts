import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { type CsvColumn, sendCsv } from '../../platform/http/csv.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors, ZIdParams } from '../../platform/http/schemas.ts';
import {
  type TChurnSignalListItem,
  ZAcknowledgeChurnSignalRequest,
  ZChurnSignal,
  ZChurnSignalListQuery,
  ZChurnSignalPage,
  ZChurnSignalSettings,
  ZChurnSignalsExportQuery,
  ZChurnSignalsPage,
  ZChurnSignalsQuery,
  ZCreateChurnSignalRequest,
  ZUpdateChurnSignalSettingsRequest,
} from './churn-signals.schemas.ts';
import type { ChurnSignalService } from './churn-signals.service.ts';
import { describeSignal } from './churn-signals.wording.ts';

/** The columns of the CSV export, in order. */
const CHURN_SIGNAL_CSV: CsvColumn<TChurnSignalListItem>[] = [
  ['id', (r) => r.id],
  ['occurred_at', (r) => r.occurredAt],
  ['kind', (r) => r.kind],
  ['description', (r) => describeSignal(r.kind, r.details, r.note)],
  ['account_id', (r) => r.accountId],
  ['account', (r) => r.accountName],
  ['owner', (r) => r.ownerName],
  ['raised_by', (r) => r.createdByName],
  ['acknowledged_at', (r) => r.acknowledgedAt],
  ['acknowledged_by', (r) => r.acknowledgedByName],
  ['acknowledge_note', (r) => r.acknowledgeNote],
];

/** Each route: its schema (validation, types, OpenAPI), an operationId for the generated client, a one-line handler. */
export function registerChurnSignalRoutes(app: FastifyInstance, deps: { churnSignals: ChurnSignalService }) {
  const r = typed(app);
  const svc = deps.churnSignals;

  r.get('/api/v1/churn-signals', {
    schema: {
      operationId: 'listChurnSignals',
      summary: 'List the churn signals of the organisation',
      tags: ['churn-signals'],
      querystring: ZChurnSignalsQuery,
      response: { 200: ZChurnSignalsPage, ...standardErrors },
    },
    handler: async (req) => svc.list(actorOf(req), req.query),
  });

  r.get('/api/v1/churn-signals/settings', {
    schema: {
      operationId: 'getChurnSignalSettings',
      summary: 'Get the thresholds of the usage signals',
      tags: ['churn-signals'],
      response: { 200: ZChurnSignalSettings, ...standardErrors },
    },
    handler: async (req) => svc.settings(actorOf(req)),
  });
  r.put('/api/v1/churn-signals/settings', {
    schema: {
      operationId: 'updateChurnSignalSettings',
      summary: 'Change the thresholds of the usage signals',
      description:
        'usage_drop: events of the last 14 or 30 days down at least the given % on as many days before; no_login: no activity for the given days.',
      tags: ['churn-signals'],
      body: ZUpdateChurnSignalSettingsRequest,
      response: { 200: ZChurnSignalSettings, ...standardErrors },
    },
    handler: async (req) => svc.updateSettings(actorOf(req), req.body),
  });

  r.get('/api/v1/churn-signals/export.csv', {
    schema: {
      operationId: 'exportChurnSignalsCsv',
      summary: 'Export the churn signals as CSV',
      description: 'Every churn signal matching the same filters and order as the list.',
      tags: ['churn-signals'],
      querystring: ZChurnSignalsExportQuery,
      produces: ['text/csv'],
      response: { 200: z.string(), ...standardErrors },
    },
    handler: async (req, reply) => sendCsv(reply, 'churn-signals.csv', CHURN_SIGNAL_CSV, svc.exportRows(actorOf(req), req.query)),
  });

  r.get('/api/v1/accounts/:id/churn-signals', {
    schema: {
      operationId: 'listChurnSignalsOfAccount',
      summary: 'List the churn signals of an account',
      tags: ['churn-signals'],
      params: ZIdParams,
      querystring: ZChurnSignalListQuery,
      response: { 200: ZChurnSignalPage, ...standardErrors },
    },
    handler: async (req) => svc.listOfAccount(actorOf(req), req.params.id, req.query),
  });

  r.post('/api/v1/accounts/:id/churn-signals', {
    schema: {
      operationId: 'createChurnSignal',
      summary: 'Raise a churn signal on an account by hand (a CSM’s worry, in words)',
      tags: ['churn-signals'],
      params: ZIdParams,
      body: ZCreateChurnSignalRequest,
      response: { 201: ZChurnSignal, ...standardErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await svc.create(actorOf(req), req.params.id, req.body)),
  });

  r.get('/api/v1/churn-signals/:id', {
    schema: {
      operationId: 'getChurnSignal',
      summary: 'Get a churn signal',
      tags: ['churn-signals'],
      params: ZIdParams,
      response: { 200: ZChurnSignal, ...standardErrors },
    },
    handler: async (req) => svc.get(actorOf(req), req.params.id),
  });

  r.post('/api/v1/churn-signals/:id/acknowledge', {
    schema: {
      operationId: 'acknowledgeChurnSignal',
      summary: 'Acknowledge a churn signal, with an optional note (again: the latest counts)',
      tags: ['churn-signals'],
      params: ZIdParams,
      body: ZAcknowledgeChurnSignalRequest,
      response: { 200: ZChurnSignal, ...standardErrors },
    },
    handler: async (req) => svc.acknowledge(actorOf(req), req.params.id, req.body),
  });
}
