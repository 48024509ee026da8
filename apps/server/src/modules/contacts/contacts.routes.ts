import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../platform/db/database.ts';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { attachmentHeaders, csvLine } from '../../platform/http/csv.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors, ZIdParams } from '../../platform/http/schemas.ts';
import { loadCustomFields } from '../custom-fields/index.ts';
import { ZContact, ZContactListQuery, ZContactPage, ZCreateContactRequest, ZUpdateContactRequest } from './contacts.schemas.ts';
import type { ContactService } from './contacts.service.ts';

const CSV_COLUMNS = [
  ['id', 'id'],
  ['accountId', 'account_id'],
  ['accountName', 'account'],
  ['firstName', 'first_name'],
  ['lastName', 'last_name'],
  ['email', 'email'],
  ['phone', 'phone'],
  ['jobTitle', 'job_title'],
  ['roles', 'roles'],
  ['language', 'language'],
  ['externalId', 'external_id'],
] as const;

export function registerContactRoutes(app: FastifyInstance, deps: { contacts: ContactService; db: Db }) {
  const r = typed(app);
  const svc = deps.contacts;

  r.get('/api/v1/contacts', {
    schema: {
      operationId: 'listContacts',
      tags: ['contacts'],
      querystring: ZContactListQuery,
      response: { 200: ZContactPage, ...standardErrors },
    },
    handler: async (req) => svc.list(actorOf(req), req.query),
  });

  r.get('/api/v1/contacts/export.csv', {
    schema: {
      operationId: 'exportContactsCsv',
      tags: ['contacts'],
      querystring: ZContactListQuery.omit({ page: true, pageSize: true }),
      produces: ['text/csv'],
      response: { 200: z.string(), ...standardErrors },
    },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      const defs = await loadCustomFields(deps.db, actor.orgId, 'contact');
      const rows = svc.exportRows(actor, req.query);
      const first = await rows.next();
      async function* lines() {
        yield `\ufeff${csvLine([...CSV_COLUMNS.map(([, h]) => h), ...defs.map((d) => d.key)])}`;
        let batch = first;
        while (!batch.done) {
          yield batch.value.map((c) => csvLine([...CSV_COLUMNS.map(([k]) => c[k]), ...defs.map((d) => c.custom[d.key])])).join('');
          batch = await rows.next();
        }
      }
      return reply.headers(attachmentHeaders('contacts.csv')).send(Readable.from(lines()) as never);
    },
  });

  r.get('/api/v1/accounts/:id/contacts', {
    schema: {
      operationId: 'listAccountContacts',
      tags: ['contacts'],
      params: ZIdParams,
      querystring: ZContactListQuery.omit({ accountId: true }),
      response: { 200: ZContactPage, ...standardErrors },
    },
    handler: async (req) => svc.list(actorOf(req), { ...req.query, accountId: req.params.id }),
  });

  r.post('/api/v1/accounts/:id/contacts', {
    schema: {
      operationId: 'createContact',
      tags: ['contacts'],
      params: ZIdParams,
      body: ZCreateContactRequest,
      response: { 201: ZContact, ...standardErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await svc.create(actorOf(req), req.params.id, req.body)),
  });

  r.get('/api/v1/contacts/:id', {
    schema: { operationId: 'getContact', tags: ['contacts'], params: ZIdParams, response: { 200: ZContact, ...standardErrors } },
    handler: async (req) => svc.get(actorOf(req), req.params.id),
  });

  r.patch('/api/v1/contacts/:id', {
    schema: {
      operationId: 'updateContact',
      tags: ['contacts'],
      params: ZIdParams,
      body: ZUpdateContactRequest,
      response: { 200: ZContact, ...standardErrors },
    },
    handler: async (req) => svc.update(actorOf(req), req.params.id, req.body),
  });

  r.delete('/api/v1/contacts/:id', {
    schema: { operationId: 'deleteContact', tags: ['contacts'], params: ZIdParams, response: { 204: z.null(), ...standardErrors } },
    handler: async (req, reply) => {
      await svc.remove(actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  });
}
