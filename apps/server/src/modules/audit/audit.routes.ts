import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors, ZPageQuery, zPage } from '../../platform/http/schemas.ts';
import type { createAuditService } from './audit.service.ts';

export const ZAuditEntry = z.object({
  id: z.uuid(),
  at: z.string(),
  actorUserId: z.uuid().nullable(),
  actorLabel: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  action: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
});

export function registerAuditRoutes(app: FastifyInstance, deps: { audit: ReturnType<typeof createAuditService> }) {
  typed(app).get('/api/v1/audit-log', {
    schema: {
      operationId: 'listAuditLog',
      tags: ['audit'],
      querystring: ZPageQuery.extend({
        order: z.enum(['asc', 'desc']).default('desc'),
        entityType: z.string().max(50).optional(),
        entityId: z.string().max(100).optional(),
        actorUserId: z.uuid().optional(),
        from: z.iso.datetime({ offset: true }).optional(),
        to: z.iso.datetime({ offset: true }).optional(),
      }),
      response: { 200: zPage(ZAuditEntry), ...standardErrors },
    },
    handler: async (req) => deps.audit.list(actorOf(req), req.query),
  });
}
