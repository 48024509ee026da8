import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors, ZIdParams } from '../../platform/http/schemas.ts';
import { ZApiToken, ZCreateApiTokenRequest, ZCreatedApiToken } from './identity.schemas.ts';
import type { IdentityService } from './identity.service.ts';
import { answerAfter } from './sessions.routes.ts';

/** API tokens for integrations: list, create (the secret is shown once) and revoke. */
export function registerApiTokenRoutes(app: FastifyInstance, deps: { identity: IdentityService }) {
  const r = typed(app);
  const { identity } = deps;

  r.get('/api/v1/api-tokens', {
    schema: {
      operationId: 'listApiTokens',
      tags: ['api-tokens'],
      summary: 'List API tokens (all of the organisation for admins, otherwise my own)',
      response: { 200: z.object({ items: z.array(ZApiToken) }), ...standardErrors },
    },
    handler: async (req) => ({ items: await identity.listApiTokens(actorOf(req)) }),
  });

  r.post('/api/v1/api-tokens', {
    schema: {
      operationId: 'createApiToken',
      tags: ['api-tokens'],
      summary: 'Create an API token with scopes; its secret is shown only in this answer',
      body: ZCreateApiTokenRequest,
      response: { 201: ZCreatedApiToken, ...standardErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await identity.createApiToken(actorOf(req), req.body)),
  });

  r.delete('/api/v1/api-tokens/:id', {
    schema: {
      operationId: 'revokeApiToken',
      tags: ['api-tokens'],
      summary: 'Revoke an API token',
      params: ZIdParams,
      response: { 204: z.null(), ...standardErrors },
    },
    handler: async (req, reply) => answerAfter(reply, identity.revokeApiToken(actorOf(req), req.params.id)),
  });
}
