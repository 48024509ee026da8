import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors, ZIdParams } from '../../platform/http/schemas.ts';
import {
  ZCapacityOverview,
  ZCapacityPerson,
  ZCapacityQuery,
  ZCapacitySettings,
  ZPutCapacityPersonRequest,
  ZUpdateCapacitySettingsRequest,
} from './capacity-plans.schemas.ts';
import type { CapacityPlanService } from './capacity-plans.service.ts';

const tags = ['capacity'];

/** Each route: its schema (validation, types, OpenAPI), an operationId for the generated client, a one-line handler. */
export function registerCapacityPlanRoutes(app: FastifyInstance, deps: { capacityPlans: CapacityPlanService }) {
  const r = typed(app);
  const svc = deps.capacityPlans;

  r.get('/api/v1/capacity', {
    schema: {
      operationId: 'getCapacity',
      summary: 'The effort coming per team and week against the team’s capacity, and CS spend against ACV',
      tags,
      querystring: ZCapacityQuery,
      response: { 200: ZCapacityOverview, ...standardErrors },
    },
    handler: async (req) => svc.overview(actorOf(req), req.query),
  });

  r.patch('/api/v1/capacity/settings', {
    schema: {
      operationId: 'updateCapacitySettings',
      summary: 'Change the effort hours, the CS spend percentage of ACV or the team cost per month',
      tags,
      body: ZUpdateCapacitySettingsRequest,
      response: { 200: ZCapacitySettings, ...standardErrors },
    },
    handler: async (req) => svc.updateSettings(actorOf(req), req.body),
  });

  r.put('/api/v1/capacity/people/:id', {
    schema: {
      operationId: 'putCapacityPerson',
      summary: "Set a person's team and hours per week",
      tags,
      params: ZIdParams,
      body: ZPutCapacityPersonRequest,
      response: { 200: ZCapacityPerson, ...standardErrors },
    },
    handler: async (req) => svc.putPerson(actorOf(req), req.params.id, req.body),
  });

  r.delete('/api/v1/capacity/people/:id', {
    schema: {
      operationId: 'deleteCapacityPerson',
      summary: 'Take a person out of the capacity table',
      tags,
      params: ZIdParams,
      response: { 204: z.null(), ...standardErrors },
    },
    handler: async (req, reply) => {
      await svc.removePerson(actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  });
}
