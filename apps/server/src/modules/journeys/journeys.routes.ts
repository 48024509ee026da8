import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { type CsvColumn, sendCsv } from '../../platform/http/csv.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors, ZIdParams } from '../../platform/http/schemas.ts';
import {
  type TJourneyPortfolioItem,
  ZAccountJourneys,
  ZCreateLogEntryRequest,
  ZJourney,
  ZJourneyLogEntry,
  ZJourneysExportQuery,
  ZJourneysPage,
  ZJourneysQuery,
  ZStartJourneyRequest,
  ZUpdateChecklistItemRequest,
  ZUpdateJourneyRequest,
  ZUpdateLogEntryRequest,
  ZUpdateMilestoneRequest,
} from './journeys.schemas.ts';
import type { JourneyService } from './journeys.service.ts';

/** The columns of the portfolio's CSV export, in order. */
const JOURNEY_CSV: CsvColumn<TJourneyPortfolioItem>[] = [
  ['account', (r) => r.accountName],
  ['owner', (r) => r.ownerName],
  ['journey', (r) => r.name],
  ['version', (r) => String(r.templateVersion)],
  ['status', (r) => r.status],
  ['started_on', (r) => r.startedOn],
  ['current_milestone', (r) => r.currentMilestone],
  ['due_on', (r) => r.currentDueOn],
  ['lateness', (r) => r.lateness],
  ['late_milestones', (r) => String(r.lateMilestones)],
  ['days_late', (r) => String(r.daysLate)],
  ['checklist_done', (r) => String(r.checklistDone)],
  ['checklist_total', (r) => String(r.checklistTotal)],
  ['open_challenges', (r) => String(r.openChallenges)],
  ['open_issues', (r) => String(r.openIssues)],
];

const tags = ['journeys'];

/** Each route: its schema (validation, types, OpenAPI), an operationId for the generated client, a one-line handler. */
export function registerJourneyRoutes(app: FastifyInstance, deps: { journeys: JourneyService }) {
  const r = typed(app);
  const svc = deps.journeys;

  r.get('/api/v1/journeys', {
    schema: {
      operationId: 'listJourneys',
      summary: 'Every account’s journey by current milestone and lateness',
      tags,
      querystring: ZJourneysQuery,
      response: { 200: ZJourneysPage, ...standardErrors },
    },
    handler: async (req) => svc.portfolio.list(actorOf(req), req.query),
  });

  r.get('/api/v1/journeys/export.csv', {
    schema: {
      operationId: 'exportJourneysCsv',
      summary: 'Export the journeys portfolio as CSV',
      tags,
      querystring: ZJourneysExportQuery,
      produces: ['text/csv'],
      response: { 200: z.string(), ...standardErrors },
    },
    handler: async (req, reply) => sendCsv(reply, 'journeys.csv', JOURNEY_CSV, svc.portfolio.exportRows(actorOf(req), req.query)),
  });

  r.get('/api/v1/journeys/:id', {
    schema: {
      operationId: 'getJourney',
      summary: 'Get a journey',
      tags,
      params: ZIdParams,
      response: { 200: ZJourney, ...standardErrors },
    },
    handler: async (req) => svc.get(actorOf(req), req.params.id),
  });

  r.patch('/api/v1/journeys/:id', {
    schema: {
      operationId: 'updateJourney',
      summary: 'Stop a running journey',
      tags,
      params: ZIdParams,
      body: ZUpdateJourneyRequest,
      response: { 200: ZJourney, ...standardErrors },
    },
    handler: async (req) => svc.stop(actorOf(req), req.params.id, req.body.status),
  });

  r.get('/api/v1/accounts/:id/journeys', {
    schema: {
      operationId: 'getAccountJourneys',
      summary: 'An account’s journey now and the ones before it',
      tags,
      params: ZIdParams,
      response: { 200: ZAccountJourneys, ...standardErrors },
    },
    handler: async (req) => svc.ofAccount(actorOf(req), req.params.id),
  });

  r.post('/api/v1/accounts/:id/journeys', {
    schema: {
      operationId: 'startJourney',
      summary: 'Start a journey for an account (it replaces the running one)',
      tags,
      params: ZIdParams,
      body: ZStartJourneyRequest,
      response: { 201: ZJourney, ...standardErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await svc.start(actorOf(req), req.params.id, req.body)),
  });

  r.patch('/api/v1/journey-milestones/:id', {
    schema: {
      operationId: 'updateJourneyMilestone',
      summary: 'Complete a milestone or open it again',
      tags,
      params: ZIdParams,
      body: ZUpdateMilestoneRequest,
      response: { 200: ZJourney, ...standardErrors },
    },
    handler: async (req) => svc.setMilestoneDone(actorOf(req), req.params.id, req.body.done),
  });

  r.patch('/api/v1/journey-checklist-items/:id', {
    schema: {
      operationId: 'updateJourneyChecklistItem',
      summary: 'Tick or untick an outcome of a milestone’s checklist',
      tags,
      params: ZIdParams,
      body: ZUpdateChecklistItemRequest,
      response: { 200: ZJourney, ...standardErrors },
    },
    handler: async (req) => svc.setChecklistItemDone(actorOf(req), req.params.id, req.body.done),
  });

  r.post('/api/v1/journey-milestones/:id/log', {
    schema: {
      operationId: 'addJourneyLogEntry',
      summary: 'Log a customer challenge or one of our issues on a milestone',
      tags,
      params: ZIdParams,
      body: ZCreateLogEntryRequest,
      response: { 201: ZJourneyLogEntry, ...standardErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await svc.addLogEntry(actorOf(req), req.params.id, req.body)),
  });

  r.patch('/api/v1/journey-log-entries/:id', {
    schema: {
      operationId: 'updateJourneyLogEntry',
      summary: 'Resolve, reopen, reassign or reword a log entry',
      tags,
      params: ZIdParams,
      body: ZUpdateLogEntryRequest,
      response: { 200: ZJourney, ...standardErrors },
    },
    handler: async (req) => svc.updateLogEntry(actorOf(req), req.params.id, req.body),
  });
}
