import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { type CsvColumn, sendCsv } from '../../platform/http/csv.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors, ZIdParams } from '../../platform/http/schemas.ts';
import { type TInteraction, ZCreateInteractionRequest, ZInteraction, ZTimelinePage, ZTimelineQuery } from './timeline.schemas.ts';
import type { TimelineService } from './timeline.service.ts';

const CSV_COLUMNS: CsvColumn<TInteraction>[] = [
  ['occurred_at', (i) => i.occurredAt],
  ['kind', (i) => i.kind],
  ['direction', (i) => i.direction],
  ['subject', (i) => i.subject],
  ['body', (i) => i.body],
  ['contact', (i) => i.contactName],
  ['duration_minutes', (i) => i.durationMinutes],
  ['author', (i) => i.authorName],
  ['source', (i) => i.source],
  ['created_at', (i) => i.createdAt],
  ['id', (i) => i.id],
];

export function registerTimelineRoutes(app: FastifyInstance, deps: { timeline: TimelineService }) {
  const r = typed(app);
  r.get('/api/v1/accounts/:id/timeline', {
    schema: {
      operationId: 'listTimeline',
      tags: ['timeline'],
      summary: "List an account's timeline",
      params: ZIdParams,
      querystring: ZTimelineQuery,
      response: { 200: ZTimelinePage, ...standardErrors },
    },
    handler: async (req) => deps.timeline.list(actorOf(req), req.params.id, req.query),
  });
  r.get('/api/v1/accounts/:id/timeline/export.csv', {
    schema: {
      operationId: 'exportTimelineCsv',
      tags: ['timeline'],
      summary: "Export an account's timeline as CSV",
      description: "The account's interactions matching the same filters and order as the timeline, as CSV.",
      params: ZIdParams,
      querystring: ZTimelineQuery.omit({ page: true, pageSize: true }),
      produces: ['text/csv'],
      response: { 200: z.string(), ...standardErrors },
    },
    handler: async (req, reply) =>
      sendCsv(reply, 'timeline.csv', CSV_COLUMNS, deps.timeline.exportRows(actorOf(req), req.params.id, req.query)),
  });
  r.post('/api/v1/accounts/:id/interactions', {
    schema: {
      operationId: 'createInteraction',
      tags: ['timeline'],
      summary: 'Log an interaction on an account',
      params: ZIdParams,
      body: ZCreateInteractionRequest,
      response: { 201: ZInteraction, ...standardErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await deps.timeline.create(actorOf(req), req.params.id, req.body)),
  });
  r.delete('/api/v1/interactions/:id', {
    schema: {
      operationId: 'deleteInteraction',
      tags: ['timeline'],
      summary: 'Delete an interaction',
      params: ZIdParams,
      response: { 204: z.null(), ...standardErrors },
    },
    handler: async (req, reply) => {
      await deps.timeline.remove(actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  });
}
