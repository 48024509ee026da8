import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors, ZIdParams } from '../../platform/http/schemas.ts';
import {
  ZAccountCompetitor,
  ZAccountCompetitorList,
  ZCompetition,
  ZCompetitionQuery,
  ZCompetitor,
  ZCompetitorAccountsQuery,
  ZCompetitorDetail,
  ZCompetitorList,
  ZCompetitorListQuery,
  ZCompetitorPlan,
  ZCreateAccountCompetitorRequest,
  ZCreateCompetitorPlanRequest,
  ZCreateCompetitorRequest,
  ZRemoved,
  ZUpdateAccountCompetitorRequest,
  ZUpdateCompetitorPlanRequest,
  ZUpdateCompetitorRequest,
} from './competitors.schemas.ts';
import type { CompetitorService } from './competitors.service.ts';

/** Each route: its schema (validation, types, OpenAPI), an operationId for the generated client, a one-line handler. */
export function registerCompetitorRoutes(app: FastifyInstance, deps: { competitors: CompetitorService }) {
  const r = typed(app);
  const svc = deps.competitors;
  const tags = ['competitors'];
  const noContent = { 204: z.null(), ...standardErrors };

  r.get('/api/v1/competitors', {
    schema: {
      operationId: 'listCompetitors',
      summary: 'List competitors',
      tags,
      querystring: ZCompetitorListQuery,
      response: { 200: ZCompetitorList, ...standardErrors },
    },
    handler: async (req) => svc.list(actorOf(req), req.query.status),
  });
  r.post('/api/v1/competitors', {
    schema: {
      operationId: 'createCompetitor',
      summary: 'Add a competitor',
      tags,
      body: ZCreateCompetitorRequest,
      response: { 201: ZCompetitor, ...standardErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await svc.create(actorOf(req), req.body)),
  });
  r.get('/api/v1/competitors/comparison', {
    schema: {
      operationId: 'compareCompetitors',
      summary: "Our plans' list prices against each competitor's comparable plan",
      tags,
      querystring: ZCompetitionQuery,
      response: { 200: ZCompetition, ...standardErrors },
    },
    handler: async (req) => svc.comparison(actorOf(req), req.query),
  });
  r.get('/api/v1/competitors/:id', {
    schema: {
      operationId: 'getCompetitor',
      summary: 'Get a competitor with its plans and prices',
      tags,
      params: ZIdParams,
      response: { 200: ZCompetitorDetail, ...standardErrors },
    },
    handler: async (req) => svc.get(actorOf(req), req.params.id),
  });
  r.patch('/api/v1/competitors/:id', {
    schema: {
      operationId: 'updateCompetitor',
      summary: 'Update or restore a competitor',
      tags,
      params: ZIdParams,
      body: ZUpdateCompetitorRequest,
      response: { 200: ZCompetitor, ...standardErrors },
    },
    handler: async (req) => svc.update(actorOf(req), req.params.id, req.body),
  });
  r.delete('/api/v1/competitors/:id', {
    schema: {
      operationId: 'deleteCompetitor',
      summary: 'Delete a competitor, or archive it while accounts are linked to it',
      tags,
      params: ZIdParams,
      response: { 200: ZRemoved, ...standardErrors },
    },
    handler: async (req) => svc.remove(actorOf(req), req.params.id),
  });
  r.get('/api/v1/competitors/:id/accounts', {
    schema: {
      operationId: 'listCompetitorAccounts',
      summary: 'The accounts that use, evaluate, left for or came from a competitor',
      tags,
      params: ZIdParams,
      querystring: ZCompetitorAccountsQuery,
      response: { 200: ZAccountCompetitorList, ...standardErrors },
    },
    handler: async (req) => svc.accountsOf(actorOf(req), req.params.id, req.query.status),
  });
  r.post('/api/v1/competitors/:id/plans', {
    schema: {
      operationId: 'createCompetitorPlan',
      summary: "Add a competitor's plan with its list prices",
      tags,
      params: ZIdParams,
      body: ZCreateCompetitorPlanRequest,
      response: { 201: ZCompetitorPlan, ...standardErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await svc.createPlan(actorOf(req), req.params.id, req.body)),
  });
  r.patch('/api/v1/competitor-plans/:id', {
    schema: {
      operationId: 'updateCompetitorPlan',
      summary: "Update a competitor's plan (prices, when given, replace the old ones)",
      tags,
      params: ZIdParams,
      body: ZUpdateCompetitorPlanRequest,
      response: { 200: ZCompetitorPlan, ...standardErrors },
    },
    handler: async (req) => svc.updatePlan(actorOf(req), req.params.id, req.body),
  });
  r.delete('/api/v1/competitor-plans/:id', {
    schema: { operationId: 'deleteCompetitorPlan', summary: "Delete a competitor's plan", tags, params: ZIdParams, response: noContent },
    handler: async (req, reply) => {
      await svc.removePlan(actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  });

  r.get('/api/v1/accounts/:id/competitors', {
    schema: {
      operationId: 'listAccountCompetitors',
      summary: 'The competitors an account uses or evaluates',
      tags,
      params: ZIdParams,
      response: { 200: ZAccountCompetitorList, ...standardErrors },
    },
    handler: async (req) => svc.listOfAccount(actorOf(req), req.params.id),
  });
  r.post('/api/v1/accounts/:id/competitors', {
    schema: {
      operationId: 'linkAccountCompetitor',
      summary: 'Record a competitor an account uses or evaluates',
      tags,
      params: ZIdParams,
      body: ZCreateAccountCompetitorRequest,
      response: { 201: ZAccountCompetitor, ...standardErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await svc.link(actorOf(req), req.params.id, req.body)),
  });
  r.patch('/api/v1/account-competitors/:id', {
    schema: {
      operationId: 'updateAccountCompetitor',
      summary: "Update an account's relation to a competitor",
      tags,
      params: ZIdParams,
      body: ZUpdateAccountCompetitorRequest,
      response: { 200: ZAccountCompetitor, ...standardErrors },
    },
    handler: async (req) => svc.updateLink(actorOf(req), req.params.id, req.body),
  });
  r.delete('/api/v1/account-competitors/:id', {
    schema: {
      operationId: 'unlinkAccountCompetitor',
      summary: 'Remove a competitor from an account',
      tags,
      params: ZIdParams,
      response: noContent,
    },
    handler: async (req, reply) => {
      await svc.unlink(actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  });
}
