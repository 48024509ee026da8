import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors, ZIdParams, zText } from '../../platform/http/schemas.ts';
import type { createOrganisationService } from './organisations.service.ts';

const zCurrency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR');
const zLang = z.enum(['en', 'nl', 'da']);

export const ZOrganisation = z.object({
  id: z.uuid(),
  name: z.string(),
  slug: z.string(),
  reportingCurrency: z.string(),
  defaultLanguage: z.string(),
});
export const ZMarket = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  language: z.string(),
  currency: z.string(),
  countryManagerUserId: z.uuid().nullable(),
  countryManagerName: z.string().nullable(),
});
const marketFields = {
  code: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code such as NL'),
  name: zText(100),
  language: zLang,
  currency: zCurrency,
  countryManagerUserId: z.uuid().nullable().optional(),
};
export const ZCreateMarketRequest = z.strictObject(marketFields);
export const ZUpdateMarketRequest = z.strictObject(marketFields).partial();

export function registerOrganisationRoutes(app: FastifyInstance, deps: { organisations: ReturnType<typeof createOrganisationService> }) {
  const r = typed(app);
  const svc = deps.organisations;
  r.get('/api/v1/organisation', {
    schema: { operationId: 'getOrganisation', tags: ['organisation'], response: { 200: ZOrganisation, ...standardErrors } },
    handler: async (req) => svc.get(actorOf(req)),
  });
  r.patch('/api/v1/organisation', {
    schema: {
      operationId: 'updateOrganisation',
      tags: ['organisation'],
      body: z.strictObject({ name: zText(200).optional(), reportingCurrency: zCurrency.optional(), defaultLanguage: zLang.optional() }),
      response: { 200: ZOrganisation, ...standardErrors },
    },
    handler: async (req) => svc.update(actorOf(req), req.body),
  });
  r.get('/api/v1/markets', {
    schema: { operationId: 'listMarkets', tags: ['markets'], response: { 200: z.object({ items: z.array(ZMarket) }), ...standardErrors } },
    handler: async (req) => ({ items: await svc.listMarkets(actorOf(req)) }),
  });
  r.post('/api/v1/markets', {
    schema: { operationId: 'createMarket', tags: ['markets'], body: ZCreateMarketRequest, response: { 201: ZMarket, ...standardErrors } },
    handler: async (req, reply) => reply.status(201).send(await svc.createMarket(actorOf(req), req.body)),
  });
  r.patch('/api/v1/markets/:id', {
    schema: {
      operationId: 'updateMarket',
      tags: ['markets'],
      params: ZIdParams,
      body: ZUpdateMarketRequest,
      response: { 200: ZMarket, ...standardErrors },
    },
    handler: async (req) => svc.updateMarket(actorOf(req), req.params.id, req.body),
  });
}
