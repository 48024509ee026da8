import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors, ZIdParams } from '../../platform/http/schemas.ts';
import { type TimelineService, ZCreateInteractionRequest, ZInteraction, ZTimelinePage, ZTimelineQuery } from './timeline.service.ts';

export function registerTimelineRoutes(app: FastifyInstance, deps: { timeline: TimelineService }) {
  const r = typed(app);
  r.get('/api/v1/accounts/:id/timeline', {
    schema: {
      operationId: 'listTimeline',
      tags: ['timeline'],
      params: ZIdParams,
      querystring: ZTimelineQuery,
      response: { 200: ZTimelinePage, ...standardErrors },
    },
    handler: async (req) => deps.timeline.list(actorOf(req), req.params.id, req.query),
  });
  r.post('/api/v1/accounts/:id/interactions', {
    schema: {
      operationId: 'createInteraction',
      tags: ['timeline'],
      params: ZIdParams,
      body: ZCreateInteractionRequest,
      response: { 201: ZInteraction, ...standardErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await deps.timeline.create(actorOf(req), req.params.id, req.body)),
  });
  r.delete('/api/v1/interactions/:id', {
    schema: { operationId: 'deleteInteraction', tags: ['timeline'], params: ZIdParams, response: { 204: z.null(), ...standardErrors } },
    handler: async (req, reply) => {
      await deps.timeline.remove(actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  });
}
