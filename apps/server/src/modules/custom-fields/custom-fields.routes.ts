import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors, ZIdParams } from '../../platform/http/schemas.ts';
import {
  ZCreateCustomFieldRequest,
  ZCustomField,
  ZCustomFieldList,
  ZCustomFieldListQuery,
  ZUpdateCustomFieldRequest,
} from './custom-fields.schemas.ts';
import type { CustomFieldService } from './custom-fields.service.ts';

export function registerCustomFieldRoutes(app: FastifyInstance, deps: { customFields: CustomFieldService }) {
  const r = typed(app);
  const svc = deps.customFields;
  r.get('/api/v1/custom-fields', {
    schema: {
      operationId: 'listCustomFields',
      tags: ['custom-fields'],
      summary: "List the organisation's custom fields of accounts and contacts",
      querystring: ZCustomFieldListQuery,
      response: { 200: ZCustomFieldList, ...standardErrors },
    },
    handler: async (req) => ({ items: await svc.list(actorOf(req), req.query.entity) }),
  });
  r.post('/api/v1/custom-fields', {
    schema: {
      operationId: 'createCustomField',
      tags: ['custom-fields'],
      summary: 'Define a custom field',
      body: ZCreateCustomFieldRequest,
      response: { 201: ZCustomField, ...standardErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await svc.create(actorOf(req), req.body)),
  });
  r.patch('/api/v1/custom-fields/:id', {
    schema: {
      operationId: 'updateCustomField',
      tags: ['custom-fields'],
      summary: "Change a custom field's label, options, order or whether it is required",
      params: ZIdParams,
      body: ZUpdateCustomFieldRequest,
      response: { 200: ZCustomField, ...standardErrors },
    },
    handler: async (req) => svc.update(actorOf(req), req.params.id, req.body),
  });
  r.delete('/api/v1/custom-fields/:id', {
    schema: {
      operationId: 'deleteCustomField',
      tags: ['custom-fields'],
      summary: 'Delete a custom field (stored values are kept)',
      params: ZIdParams,
      response: { 204: z.null(), ...standardErrors },
    },
    handler: async (req, reply) => reply.status(204).send(await svc.remove(actorOf(req), req.params.id).then(() => null)),
  });
}
