import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { type CsvColumn, sendCsv } from '../../platform/http/csv.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors, ZIdParams } from '../../platform/http/schemas.ts';
import {
  type TContact,
  ZContact,
  ZContactListQuery,
  ZContactPage,
  ZCreateContactRequest,
  ZUpdateContactRequest,
} from './contacts.schemas.ts';
import type { ContactService } from './contacts.service.ts';

const CSV_COLUMNS: CsvColumn<TContact>[] = [
  ['id', (c) => c.id],
  ['account_id', (c) => c.accountId],
  ['account', (c) => c.accountName],
  ['first_name', (c) => c.firstName],
  ['last_name', (c) => c.lastName],
  ['email', (c) => c.email],
  ['phone', (c) => c.phone],
  ['job_title', (c) => c.jobTitle],
  ['roles', (c) => c.roles],
  ['language', (c) => c.language],
  ['external_id', (c) => c.externalId],
];

/** The fixed columns, then one per custom field of the organisation (headed by its key). */
const sendContactsCsv = (reply: FastifyReply, { customKeys, batches }: Awaited<ReturnType<ContactService['exportRows']>>) =>
  sendCsv(reply, 'contacts.csv', [...CSV_COLUMNS, ...customKeys.map((k): CsvColumn<TContact> => [k, (c) => c.custom[k]])], batches);

export function registerContactRoutes(app: FastifyInstance, deps: { contacts: ContactService }) {
  const r = typed(app);
  const svc = deps.contacts;

  r.get('/api/v1/contacts', {
    schema: {
      operationId: 'listContacts',
      tags: ['contacts'],
      summary: 'List contacts',
      querystring: ZContactListQuery,
      response: { 200: ZContactPage, ...standardErrors },
    },
    handler: async (req) => svc.list(actorOf(req), req.query),
  });

  r.get('/api/v1/contacts/export.csv', {
    schema: {
      operationId: 'exportContactsCsv',
      tags: ['contacts'],
      summary: 'Export contacts as CSV',
      description: 'Every contact matching the same filters as the list, as CSV, with a column per custom field.',
      querystring: ZContactListQuery.omit({ page: true, pageSize: true }),
      produces: ['text/csv'],
      response: { 200: z.string(), ...standardErrors },
    },
    handler: async (req, reply) => sendContactsCsv(reply, await svc.exportRows(actorOf(req), req.query)),
  });

  r.get('/api/v1/accounts/:id/contacts', {
    schema: {
      operationId: 'listAccountContacts',
      tags: ['contacts'],
      summary: "List an account's contacts",
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
      summary: 'Add a contact to an account',
      params: ZIdParams,
      body: ZCreateContactRequest,
      response: { 201: ZContact, ...standardErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await svc.create(actorOf(req), req.params.id, req.body)),
  });

  r.get('/api/v1/contacts/:id', {
    schema: {
      operationId: 'getContact',
      tags: ['contacts'],
      summary: 'Get a contact',
      params: ZIdParams,
      response: { 200: ZContact, ...standardErrors },
    },
    handler: async (req) => svc.get(actorOf(req), req.params.id),
  });

  r.patch('/api/v1/contacts/:id', {
    schema: {
      operationId: 'updateContact',
      tags: ['contacts'],
      summary: 'Change a contact',
      params: ZIdParams,
      body: ZUpdateContactRequest,
      response: { 200: ZContact, ...standardErrors },
    },
    handler: async (req) => svc.update(actorOf(req), req.params.id, req.body),
  });

  r.delete('/api/v1/contacts/:id', {
    schema: {
      operationId: 'deleteContact',
      tags: ['contacts'],
      summary: 'Delete a contact',
      params: ZIdParams,
      response: { 204: z.null(), ...standardErrors },
    },
    handler: async (req, reply) => {
      await svc.remove(actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  });
}
