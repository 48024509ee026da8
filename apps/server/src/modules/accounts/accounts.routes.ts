import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../platform/db/database.ts';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { attachmentHeaders, csvLine } from '../../platform/http/csv.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors, ZIdParams } from '../../platform/http/schemas.ts';
import { loadCustomFields } from '../custom-fields/index.ts';
import { ZAccount, ZAccountListQuery, ZAccountPage, ZCreateAccountRequest, ZUpdateAccountRequest } from './accounts.schemas.ts';
import type { AccountService } from './accounts.service.ts';

const CSV_COLUMNS = [
  ['id', 'id'],
  ['name', 'name'],
  ['domain', 'domain'],
  ['externalId', 'external_id'],
  ['marketCode', 'market'],
  ['segment', 'segment'],
  ['edition', 'edition'],
  ['lifecycleStage', 'lifecycle_stage'],
  ['ownerName', 'owner'],
  ['tags', 'tags'],
  ['employees', 'employees'],
  ['website', 'website'],
  ['createdAt', 'created_at'],
  ['updatedAt', 'updated_at'],
  ['archivedAt', 'archived_at'],
] as const;

export function registerAccountRoutes(app: FastifyInstance, deps: { accounts: AccountService; db: Db }) {
  const r = typed(app);
  const svc = deps.accounts;

  r.get('/api/v1/accounts', {
    schema: {
      operationId: 'listAccounts',
      tags: ['accounts'],
      querystring: ZAccountListQuery,
      response: { 200: ZAccountPage, ...standardErrors },
    },
    handler: async (req) => svc.list(actorOf(req), req.query),
  });

  r.get('/api/v1/accounts/export.csv', {
    schema: {
      operationId: 'exportAccountsCsv',
      tags: ['accounts'],
      description: 'All accounts matching the same filters as the list, as CSV (custom fields included). Streams any number of rows.',
      querystring: ZAccountListQuery.omit({ page: true, pageSize: true }),
      produces: ['text/csv'],
      response: { 200: z.string(), ...standardErrors },
    },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      const defs = await loadCustomFields(deps.db, actor.orgId, 'account');
      const rows = svc.exportRows(actor, req.query);
      // Pull the first batch before answering, so a permission error is still a proper 403.
      const first = await rows.next();
      async function* lines() {
        yield `\ufeff${csvLine([...CSV_COLUMNS.map(([, h]) => h), ...defs.map((d) => d.key)])}`;
        let batch = first;
        while (!batch.done) {
          let chunk = '';
          for (const a of batch.value) chunk += csvLine([...CSV_COLUMNS.map(([k]) => a[k]), ...defs.map((d) => a.custom[d.key])]);
          yield chunk;
          batch = await rows.next();
        }
      }
      return reply.headers(attachmentHeaders('accounts.csv')).send(Readable.from(lines()) as never);
    },
  });

  r.get('/api/v1/accounts/:id', {
    schema: { operationId: 'getAccount', tags: ['accounts'], params: ZIdParams, response: { 200: ZAccount, ...standardErrors } },
    handler: async (req) => svc.get(actorOf(req), req.params.id),
  });

  r.post('/api/v1/accounts', {
    schema: {
      operationId: 'createAccount',
      tags: ['accounts'],
      body: ZCreateAccountRequest,
      response: { 201: ZAccount, ...standardErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await svc.create(actorOf(req), req.body)),
  });

  r.patch('/api/v1/accounts/:id', {
    schema: {
      operationId: 'updateAccount',
      tags: ['accounts'],
      params: ZIdParams,
      body: ZUpdateAccountRequest,
      response: { 200: ZAccount, ...standardErrors },
    },
    handler: async (req) => svc.update(actorOf(req), req.params.id, req.body),
  });

  r.post('/api/v1/accounts/:id/archive', {
    schema: { operationId: 'archiveAccount', tags: ['accounts'], params: ZIdParams, response: { 200: ZAccount, ...standardErrors } },
    handler: async (req) => svc.setArchived(actorOf(req), req.params.id, true),
  });

  r.post('/api/v1/accounts/:id/unarchive', {
    schema: { operationId: 'unarchiveAccount', tags: ['accounts'], params: ZIdParams, response: { 200: ZAccount, ...standardErrors } },
    handler: async (req) => svc.setArchived(actorOf(req), req.params.id, false),
  });
}
