import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { attachmentHeaders, type CsvColumn, sendCsv } from '../../platform/http/csv.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors, ZIdParams } from '../../platform/http/schemas.ts';
import {
  type TObjectiveListItem,
  ZCreateObjectiveRequest,
  ZCreateValueItemRequest,
  ZObjective,
  ZObjectivesExportQuery,
  ZObjectivesPage,
  ZObjectivesQuery,
  ZRecordProgressRequest,
  ZSuccessPlan,
  ZSuccessPlanPdfQuery,
  ZUpdateObjectiveRequest,
  ZValueItem,
} from './success-plans.schemas.ts';
import type { SuccessPlanService } from './success-plans.service.ts';

/** The columns of the portfolio's CSV export, in order. */
const OBJECTIVE_CSV: CsvColumn<TObjectiveListItem>[] = [
  ['account', (r) => r.accountName],
  ['objective', (r) => r.title],
  ['metric', (r) => r.metric],
  ['baseline', (r) => r.baseline],
  ['target', (r) => r.target],
  ['current', (r) => r.current],
  ['unit', (r) => r.unit],
  ['percent_achieved', (r) => r.percentAchieved],
  ['status', (r) => r.status],
  ['due_on', (r) => r.dueOn],
  ['owner', (r) => r.ownerName],
  ['last_measured_on', (r) => r.lastMeasuredOn],
];

const tags = ['success-plans'];

/** A PDF as a download (the route's typed reply knows only JSON answers). */
const sendPdf = (reply: FastifyReply, fileName: string, buffer: Buffer) =>
  reply.headers({ ...attachmentHeaders(fileName), 'content-type': 'application/pdf' }).send(buffer);

/** Each route: its schema (validation, types, OpenAPI), an operationId for the generated client, a one-line handler. */
export function registerSuccessPlanRoutes(app: FastifyInstance, deps: { successPlans: SuccessPlanService }) {
  const r = typed(app);
  const svc = deps.successPlans;

  r.get('/api/v1/success-objectives', {
    schema: {
      operationId: 'listSuccessObjectives',
      summary: 'List the success-plan objectives across accounts',
      tags,
      querystring: ZObjectivesQuery,
      response: { 200: ZObjectivesPage, ...standardErrors },
    },
    handler: async (req) => svc.list(actorOf(req), req.query),
  });

  r.get('/api/v1/success-objectives/export.csv', {
    schema: {
      operationId: 'exportSuccessObjectivesCsv',
      summary: 'Export the success-plan objectives as CSV',
      description: 'Every objective matching the same filters and order as the list.',
      tags,
      querystring: ZObjectivesExportQuery,
      produces: ['text/csv'],
      response: { 200: z.string(), ...standardErrors },
    },
    handler: async (req, reply) => sendCsv(reply, 'success-objectives.csv', OBJECTIVE_CSV, svc.exportRows(actorOf(req), req.query)),
  });

  r.get('/api/v1/accounts/:id/success-plan', {
    schema: {
      operationId: 'getSuccessPlan',
      summary: "Get an account's success plan: objectives, progress and value delivered",
      tags,
      params: ZIdParams,
      response: { 200: ZSuccessPlan, ...standardErrors },
    },
    handler: async (req) => svc.plan(actorOf(req), req.params.id),
  });

  r.get('/api/v1/accounts/:id/success-plan.pdf', {
    schema: {
      operationId: 'getSuccessPlanPdf',
      summary: 'Download the one-page Customer ROI PDF of an account',
      description: "In the asked language, else the account's market's (else the organisation's).",
      tags,
      params: ZIdParams,
      querystring: ZSuccessPlanPdfQuery,
      produces: ['application/pdf'],
      response: { 200: z.string(), ...standardErrors },
    },
    handler: async (req, reply) => {
      const { buffer, fileName } = await svc.pdf(actorOf(req), req.params.id, req.query.language);
      return sendPdf(reply, fileName, buffer);
    },
  });

  r.post('/api/v1/accounts/:id/success-objectives', {
    schema: {
      operationId: 'createSuccessObjective',
      summary: "Add an objective to an account's success plan",
      tags,
      params: ZIdParams,
      body: ZCreateObjectiveRequest,
      response: { 201: ZObjective, ...standardErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await svc.createObjective(actorOf(req), req.params.id, req.body)),
  });

  r.get('/api/v1/success-objectives/:id', {
    schema: {
      operationId: 'getSuccessObjective',
      summary: 'Get a success-plan objective',
      tags,
      params: ZIdParams,
      response: { 200: ZObjective, ...standardErrors },
    },
    handler: async (req) => svc.getObjective(actorOf(req), req.params.id),
  });

  r.patch('/api/v1/success-objectives/:id', {
    schema: {
      operationId: 'updateSuccessObjective',
      summary: 'Change a success-plan objective (its target, status, owner …)',
      tags,
      params: ZIdParams,
      body: ZUpdateObjectiveRequest,
      response: { 200: ZObjective, ...standardErrors },
    },
    handler: async (req) => svc.updateObjective(actorOf(req), req.params.id, req.body),
  });

  r.delete('/api/v1/success-objectives/:id', {
    schema: {
      operationId: 'deleteSuccessObjective',
      summary: 'Delete a success-plan objective and its measurements',
      tags,
      params: ZIdParams,
      response: { 204: z.null(), ...standardErrors },
    },
    handler: async (req, reply) => {
      await svc.removeObjective(actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  });

  r.post('/api/v1/success-objectives/:id/progress', {
    schema: {
      operationId: 'recordSuccessProgress',
      summary: 'Record a measured value of an objective',
      tags,
      params: ZIdParams,
      body: ZRecordProgressRequest,
      response: { 201: ZObjective, ...standardErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await svc.recordProgress(actorOf(req), req.params.id, req.body)),
  });

  r.post('/api/v1/success-objectives/:id/measure', {
    schema: {
      operationId: 'measureSuccessObjective',
      summary: "Read a linked objective's value from usage or a custom field and record it",
      tags,
      params: ZIdParams,
      response: { 201: ZObjective, ...standardErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await svc.measure(actorOf(req), req.params.id)),
  });

  r.post('/api/v1/accounts/:id/success-value-items', {
    schema: {
      operationId: 'createSuccessValueItem',
      summary: 'Record value delivered to an account',
      tags,
      params: ZIdParams,
      body: ZCreateValueItemRequest,
      response: { 201: ZValueItem, ...standardErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await svc.addValueItem(actorOf(req), req.params.id, req.body)),
  });

  r.delete('/api/v1/success-value-items/:id', {
    schema: {
      operationId: 'deleteSuccessValueItem',
      summary: 'Delete a value-delivered item',
      tags,
      params: ZIdParams,
      response: { 204: z.null(), ...standardErrors },
    },
    handler: async (req, reply) => {
      await svc.removeValueItem(actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  });
}
