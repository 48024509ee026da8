import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors, ZIdParams } from '../../platform/http/schemas.ts';
import {
  ZCreateMarketRequest,
  ZMarket,
  ZMarketList,
  ZOrganisation,
  ZUpdateMarketRequest,
  ZUpdateOrganisationRequest,
} from './organisations.schemas.ts';
import type { OrganisationService } from './organisations.service.ts';

export function registerOrganisationRoutes(app: FastifyInstance, deps: { organisations: OrganisationService }) {
  const r = typed(app);
  const svc = deps.organisations;
  r.get('/api/v1/organisation', {
    schema: {
      operationId: 'getOrganisation',
      tags: ['organisation'],
      summary: 'Get the signed-in organisation',
      response: { 200: ZOrganisation, ...standardErrors },
    },
    handler: async (req) => svc.get(actorOf(req)),
  });
  r.patch('/api/v1/organisation', {
    schema: {
      operationId: 'updateOrganisation',
      tags: ['organisation'],
      summary: "Change the organisation's name, reporting currency or default language",
      body: ZUpdateOrganisationRequest,
      response: { 200: ZOrganisation, ...standardErrors },
    },
    handler: async (req) => svc.update(actorOf(req), req.body),
  });
  r.get('/api/v1/markets', {
    schema: {
      operationId: 'listMarkets',
      tags: ['markets'],
      summary: 'List the markets (countries) the organisation sells in',
      response: { 200: ZMarketList, ...standardErrors },
    },
    handler: async (req) => ({ items: await svc.listMarkets(actorOf(req)) }),
  });
  r.post('/api/v1/markets', {
    schema: {
      operationId: 'createMarket',
      tags: ['markets'],
      summary: 'Create a market',
      body: ZCreateMarketRequest,
      response: { 201: ZMarket, ...standardErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await svc.createMarket(actorOf(req), req.body)),
  });
  r.patch('/api/v1/markets/:id', {
    schema: {
      operationId: 'updateMarket',
      tags: ['markets'],
      summary: 'Change a market',
      params: ZIdParams,
      body: ZUpdateMarketRequest,
      response: { 200: ZMarket, ...standardErrors },
    },
    handler: async (req) => svc.updateMarket(actorOf(req), req.params.id, req.body),
  });
}
