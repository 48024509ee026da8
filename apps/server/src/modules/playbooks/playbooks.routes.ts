import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { type CsvColumn, sendCsv } from '../../platform/http/csv.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors, ZIdParams } from '../../platform/http/schemas.ts';
import {
  type TPlaybook,
  type TPlaybookRun,
  ZCreatePlaybookRequest,
  ZDryRunRequest,
  ZDryRunResult,
  ZPlaybook,
  ZPlaybookRunsExportQuery,
  ZPlaybookRunsPage,
  ZPlaybookRunsQuery,
  ZPlaybooksExportQuery,
  ZPlaybooksPage,
  ZPlaybooksQuery,
  ZUpdatePlaybookRequest,
} from './playbooks.schemas.ts';
import type { PlaybookService } from './playbooks.service.ts';

/** The columns of the CSV export, in order. */
const PLAYBOOK_CSV: CsvColumn<TPlaybook>[] = [
  ['id', (r) => r.id],
  ['name', (r) => r.name],
  ['trigger', (r) => r.trigger],
  ['enabled', (r) => String(r.enabled)],
  ['conditions', (r) => r.conditions.length],
  ['actions', (r) => r.actions.map((a) => a.type).join(' ')],
  ['runs', (r) => r.runs],
  ['last_fired_at', (r) => r.lastFiredAt],
];

/** The run log's CSV columns, in order. */
const RUN_CSV: CsvColumn<TPlaybookRun>[] = [
  ['id', (r) => r.id],
  ['fired_at', (r) => r.firedAt],
  ['account_id', (r) => r.accountId],
  ['account', (r) => r.accountName],
  ['trigger', (r) => r.trigger],
  ['cause', (r) => r.causeKey],
  [
    'outcome',
    (r) =>
      Object.entries(r.outcome)
        .map(([k, n]) => `${k}:${n}`)
        .sort()
        .join(' '),
  ],
  ['webhook_status', (r) => r.webhookStatus],
];

/** Each route: its schema (validation, types, OpenAPI), an operationId for the generated client, a one-line handler. */
export function registerPlaybookRoutes(app: FastifyInstance, deps: { playbooks: PlaybookService }) {
  const r = typed(app);
  const svc = deps.playbooks;

  r.get('/api/v1/playbooks', {
    schema: {
      operationId: 'listPlaybooks',
      summary: 'List the playbooks of the organisation',
      description: 'The five preloaded playbooks are made the first time an organisation lists them.',
      tags: ['playbooks'],
      querystring: ZPlaybooksQuery,
      response: { 200: ZPlaybooksPage, ...standardErrors },
    },
    handler: async (req) => svc.list(actorOf(req), req.query),
  });

  r.get('/api/v1/playbooks/export.csv', {
    schema: {
      operationId: 'exportPlaybooksCsv',
      summary: 'Export the playbooks as CSV',
      description: 'Every playbook matching the same filters and order as the list.',
      tags: ['playbooks'],
      querystring: ZPlaybooksExportQuery,
      produces: ['text/csv'],
      response: { 200: z.string(), ...standardErrors },
    },
    handler: async (req, reply) => sendCsv(reply, 'playbooks.csv', PLAYBOOK_CSV, svc.exportRows(actorOf(req), req.query)),
  });

  r.post('/api/v1/playbooks', {
    schema: {
      operationId: 'createPlaybook',
      summary: 'Create a playbook',
      tags: ['playbooks'],
      body: ZCreatePlaybookRequest,
      response: { 201: ZPlaybook, ...standardErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await svc.create(actorOf(req), req.body)),
  });

  r.post('/api/v1/playbooks/dry-run', {
    schema: {
      operationId: 'dryRunPlaybook',
      summary: 'List the accounts a playbook would match now',
      description:
        'Changes nothing. A daily trigger lists the accounts it would fire for today; an event trigger the accounts meeting the conditions.',
      tags: ['playbooks'],
      body: ZDryRunRequest,
      response: { 200: ZDryRunResult, ...standardErrors },
    },
    handler: async (req) => svc.dryRun(actorOf(req), req.body),
  });

  r.get('/api/v1/playbooks/:id', {
    schema: {
      operationId: 'getPlaybook',
      summary: 'Get a playbook',
      tags: ['playbooks'],
      params: ZIdParams,
      response: { 200: ZPlaybook, ...standardErrors },
    },
    handler: async (req) => svc.get(actorOf(req), req.params.id),
  });

  r.patch('/api/v1/playbooks/:id', {
    schema: {
      operationId: 'updatePlaybook',
      summary: 'Change a playbook',
      tags: ['playbooks'],
      params: ZIdParams,
      body: ZUpdatePlaybookRequest,
      response: { 200: ZPlaybook, ...standardErrors },
    },
    handler: async (req) => svc.update(actorOf(req), req.params.id, req.body),
  });

  r.get('/api/v1/playbooks/:id/runs', {
    schema: {
      operationId: 'listPlaybookRuns',
      summary: 'The run log of a playbook',
      tags: ['playbooks'],
      params: ZIdParams,
      querystring: ZPlaybookRunsQuery,
      response: { 200: ZPlaybookRunsPage, ...standardErrors },
    },
    handler: async (req) => svc.runs(actorOf(req), req.params.id, req.query),
  });

  r.get('/api/v1/playbooks/:id/runs/export.csv', {
    schema: {
      operationId: 'exportPlaybookRunsCsv',
      summary: 'Export the run log of a playbook as CSV',
      description: 'Every run matching the same filters and order as the run log.',
      tags: ['playbooks'],
      params: ZIdParams,
      querystring: ZPlaybookRunsExportQuery,
      produces: ['text/csv'],
      response: { 200: z.string(), ...standardErrors },
    },
    handler: async (req, reply) => sendCsv(reply, 'playbook-runs.csv', RUN_CSV, svc.exportRuns(actorOf(req), req.params.id, req.query)),
  });

  r.delete('/api/v1/playbooks/:id', {
    schema: {
      operationId: 'deletePlaybook',
      summary: 'Delete a playbook',
      tags: ['playbooks'],
      params: ZIdParams,
      response: { 204: z.null(), ...standardErrors },
    },
    handler: async (req, reply) => {
      await svc.remove(actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  });
}
