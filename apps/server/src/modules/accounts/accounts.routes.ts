import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { attachmentHeaders } from '../../platform/http/csv.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors, ZIdParams } from '../../platform/http/schemas.ts';
import { ZAccount, ZAccountListQuery, ZAccountPage, ZCreateAccountRequest, ZUpdateAccountRequest } from './accounts.schemas.ts';
import type { AccountService } from './accounts.service.ts';

export function registerAccountRoutes(app: FastifyInstance, deps: { accounts: AccountService }) {
  const r = typed(app);
  const svc = deps.accounts;

  r.get('/api/v1/accounts', {
    schema: {
      operationId: 'listAccounts',
      summary: 'List accounts',
      tags: ['accounts'],
      querystring: ZAccountListQuery,
      response: { 200: ZAccountPage, ...standardErrors },
    },
    handler: async (req) => svc.list(actorOf(req), req.query),
  });

  r.get('/api/v1/accounts/export.csv', {
    schema: {
      operationId: 'exportAccountsCsv',
      summary: 'Export accounts as CSV',
      tags: ['accounts'],
      description: 'All accounts matching the same filters as the list, as CSV (custom fields included). Streams any number of rows.',
      querystring: ZAccountListQuery.omit({ page: true, pageSize: true }),
      produces: ['text/csv'],
      response: { 200: z.string(), ...standardErrors },
    },
    handler: async (req, reply) =>
      reply.headers(attachmentHeaders('accounts.csv')).send(Readable.from(await svc.exportCsv(actorOf(req), req.query)) as never),
  });

  r.get('/api/v1/accounts/:id', {
    schema: {
      operationId: 'getAccount',
      summary: 'Get an account',
      tags: ['accounts'],
      params: ZIdParams,
      response: { 200: ZAccount, ...standardErrors },
    },
    handler: async (req) => svc.get(actorOf(req), req.params.id),
  });

  r.post('/api/v1/accounts', {
    schema: {
      operationId: 'createAccount',
      summary: 'Create an account',
      tags: ['accounts'],
      body: ZCreateAccountRequest,
      response: { 201: ZAccount, ...standardErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await svc.create(actorOf(req), req.body)),
  });

  r.patch('/api/v1/accounts/:id', {
    schema: {
      operationId: 'updateAccount',
      summary: 'Update an account',
      tags: ['accounts'],
      params: ZIdParams,
      body: ZUpdateAccountRequest,
      response: { 200: ZAccount, ...standardErrors },
    },
    handler: async (req) => svc.update(actorOf(req), req.params.id, req.body),
  });

  r.post('/api/v1/accounts/:id/archive', {
    schema: {
      operationId: 'archiveAccount',
      summary: 'Archive an account',
      tags: ['accounts'],
      params: ZIdParams,
      response: { 200: ZAccount, ...standardErrors },
    },
    handler: async (req) => svc.setArchived(actorOf(req), req.params.id, true),
  });

  r.post('/api/v1/accounts/:id/unarchive', {
    schema: {
      operationId: 'unarchiveAccount',
      summary: 'Restore an archived account',
      tags: ['accounts'],
      params: ZIdParams,
      response: { 200: ZAccount, ...standardErrors },
    },
    handler: async (req) => svc.setArchived(actorOf(req), req.params.id, false),
  });
}
