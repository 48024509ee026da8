import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors, ZIdParams, zInt, zText } from '../../platform/http/schemas.ts';
import { CUSTOM_FIELD_ENTITIES, CUSTOM_FIELD_TYPES, type createCustomFieldService } from './custom-fields.service.ts';

export const ZCustomField = z.object({
  id: z.uuid(),
  entity: z.enum(CUSTOM_FIELD_ENTITIES),
  key: z.string(),
  label: z.string(),
  type: z.enum(CUSTOM_FIELD_TYPES),
  options: z.array(z.string()),
  required: z.boolean(),
  showInList: z.boolean(),
  position: z.int(),
});

const editable = {
  label: zText(100),
  options: z.array(zText(100)).max(200).optional(),
  required: z.boolean().optional(),
  showInList: z.boolean().optional(),
  position: zInt(0, 10_000).optional(),
};

export const ZCreateCustomFieldRequest = z.strictObject({
  ...editable,
  entity: z.enum(CUSTOM_FIELD_ENTITIES),
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be lowercase letters, digits and _, starting with a letter (max 40)'),
  type: z.enum(CUSTOM_FIELD_TYPES),
});
export const ZUpdateCustomFieldRequest = z.strictObject({ ...editable, label: zText(100).optional() });

export function registerCustomFieldRoutes(app: FastifyInstance, deps: { customFields: ReturnType<typeof createCustomFieldService> }) {
  const r = typed(app);
  const svc = deps.customFields;
  r.get('/api/v1/custom-fields', {
    schema: {
      operationId: 'listCustomFields',
      tags: ['custom-fields'],
      querystring: z.object({ entity: z.enum(CUSTOM_FIELD_ENTITIES).optional() }),
      response: { 200: z.object({ items: z.array(ZCustomField) }), ...standardErrors },
    },
    handler: async (req) => ({ items: await svc.list(actorOf(req), req.query.entity) }),
  });
  r.post('/api/v1/custom-fields', {
    schema: {
      operationId: 'createCustomField',
      tags: ['custom-fields'],
      body: ZCreateCustomFieldRequest,
      response: { 201: ZCustomField, ...standardErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await svc.create(actorOf(req), req.body)),
  });
  r.patch('/api/v1/custom-fields/:id', {
    schema: {
      operationId: 'updateCustomField',
      tags: ['custom-fields'],
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
      params: ZIdParams,
      response: { 204: z.null(), ...standardErrors },
    },
    handler: async (req, reply) => {
      await svc.remove(actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  });
}
