import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { type CsvColumn, sendCsv } from '../../platform/http/csv.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors } from '../../platform/http/schemas.ts';
import { type TAuditEntryDto, ZAuditPage, ZAuditQuery } from './audit.schemas.ts';
import type { AuditService } from './audit.service.ts';

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
const CSV_COLUMNS: CsvColumn<TAuditEntryDto>[] = [
  ['at', (e) => e.at],
  ['actor', (e) => e.actorLabel],
  ['actor_user_id', (e) => e.actorUserId],
  ['entity_type', (e) => e.entityType],
  ['entity_id', (e) => e.entityId],
  ['entity_name', (e) => e.entityName],
  ['action', (e) => e.action],
  ['before', (e) => json(e.before)],
  ['after', (e) => json(e.after)],
  ['request_id', (e) => e.requestId],
];

export function registerAuditRoutes(app: FastifyInstance, deps: { audit: AuditService }) {
  const r = typed(app);
  r.get('/api/v1/audit-log', {
    schema: {
      operationId: 'listAuditLog',
      tags: ['audit'],
      summary: 'List the audit log',
      description: 'Who changed what and when, with the name of the item each entry is about.',
      querystring: ZAuditQuery,
      response: { 200: ZAuditPage, ...standardErrors },
    },
    handler: async (req) => deps.audit.list(actorOf(req), req.query),
  });

  r.get('/api/v1/audit-log/export.csv', {
    schema: {
      operationId: 'exportAuditLogCsv',
      tags: ['audit'],
      summary: 'Export the audit log as CSV',
      description: 'Every audit entry matching the same filters and order as the list, as CSV (before/after as JSON).',
      querystring: ZAuditQuery.omit({ page: true, pageSize: true }),
      produces: ['text/csv'],
      response: { 200: z.string(), ...standardErrors },
    },
    handler: async (req, reply) => sendCsv(reply, 'audit-log.csv', CSV_COLUMNS, deps.audit.exportRows(actorOf(req), req.query)),
  });
}
