import { z } from 'zod';
import { ZPageQuery, zPage } from '../../platform/http/schemas.ts';

export const ZAuditEntry = z.object({
  id: z.uuid(),
  at: z.string(),
  actorUserId: z.uuid().nullable(),
  actorLabel: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  /**
   * The name of the item the entry is about (an account's or a user's name, a contact's full name, a custom
   * field's label, an import's file name …): its name now, or the one the entry recorded when the item is gone;
   * null when neither is known.
   */
  entityName: z.string().nullable(),
  action: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  names: z
    .record(z.string(), z.string())
    .describe('The names of the people, accounts, contacts and markets whose ids the before and after hold, by id (the list only)'),
});
export type TAuditEntryDto = z.infer<typeof ZAuditEntry>;
export const ZAuditPage = zPage(ZAuditEntry);

export const AUDIT_SORTS = ['at', 'actorLabel', 'entityType', 'action'] as const;

export const ZAuditQuery = ZPageQuery.extend({
  sort: z.enum(AUDIT_SORTS).default('at'),
  order: z.enum(['asc', 'desc']).default('desc'),
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  actorUserId: z.uuid().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type TAuditQuery = z.infer<typeof ZAuditQuery>;
/** The list's filters and order, without paging (what an export takes). */
export type TAuditFilter = Partial<Omit<TAuditQuery, 'page' | 'pageSize'>>;
