import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { type CsvColumn, sendCsv } from '../../platform/http/csv.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors, ZPageQuery, zPage } from '../../platform/http/schemas.ts';
import { AUDIT_SORTS, type createAuditService } from './audit.service.ts';

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

const ZAuditQuery = ZPageQuery.extend({
  sort: z.enum(AUDIT_SORTS).default('at'),
  order: z.enum(['asc', 'desc']).default('desc'),
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  actorUserId: z.uuid().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

type TEntry = z.infer<typeof ZAuditEntry>;
const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
const CSV_COLUMNS: CsvColumn<TEntry>[] = [
  ['at', (e) => e.at],
  ['actor', (e) => e.actorLabel],
  ['actor_user_id', (e) => e.actorUserId],
  ['entity_type', (e) => e.entityType],
  ['entity_id', (e) => e.entityId],
  ['action', (e) => e.action],
  ['before', (e) => json(e.before)],
  ['after', (e) => json(e.after)],
  ['request_id', (e) => e.requestId],
];

export function registerAuditRoutes(app: FastifyInstance, deps: { audit: ReturnType<typeof createAuditService> }) {
  const r = typed(app);
  r.get('/api/v1/audit-log', {
    schema: {
      operationId: 'listAuditLog',
      tags: ['audit'],
      querystring: ZAuditQuery,
      response: { 200: zPage(ZAuditEntry), ...standardErrors },
    },
    handler: async (req) => deps.audit.list(actorOf(req), req.query),
  });

  r.get('/api/v1/audit-log/export.csv', {
    schema: {
      operationId: 'exportAuditLogCsv',
      tags: ['audit'],
      description: 'Every audit entry matching the same filters and order as the list, as CSV (before/after as JSON).',
      querystring: ZAuditQuery.omit({ page: true, pageSize: true }),
      produces: ['text/csv'],
      response: { 200: z.string(), ...standardErrors },
    },
    handler: async (req, reply) => sendCsv(reply, 'audit-log.csv', CSV_COLUMNS, deps.audit.exportRows(actorOf(req), req.query)),
  });
}
