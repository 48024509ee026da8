import { type Actor, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { inBatches } from '../../platform/http/csv.ts';
import { newId } from '../../platform/ids.ts';
import { findLatestEntryAt, insertAuditEntry, listAuditEntries, pageAuditEntries, type TAuditRow } from './audit.repository.ts';
import type { TAuditEntryDto, TAuditFilter, TAuditQuery } from './audit.schemas.ts';

export interface TAuditEntry {
  entityType: string;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
}

/** Write an audit row in the caller's transaction, so the change and its record commit together. */
export async function recordAudit(tx: Db, clock: Clock, actor: Actor | null, entry: TAuditEntry) {
  await insertAuditEntry(tx, actor?.orgId ?? (entry as { orgId?: string }).orgId ?? '', {
    id: newId(),
    at: clock.now(),
    actorUserId: actor?.userId ?? null,
    actorLabel: actor ? `${actor.name}${actor.tokenScopes ? ' (API token)' : ''}` : 'system',
    entityType: entry.entityType,
    entityId: entry.entityId,
    action: entry.action,
    before: entry.before ?? null,
    after: entry.after ?? null,
    requestId: actor?.requestId ?? null,
  });
}

const toDto = ({ orgId: _, ...r }: TAuditRow): TAuditEntryDto => ({ ...r, at: r.at.toISOString() });

export type AuditService = ReturnType<typeof createAuditService>;

export function createAuditService(deps: { db: Db }) {
  const { db } = deps;
  return {
    async list(actor: Actor, q: TAuditQuery) {
      requirePermission(actor, 'audit:read');
      const { rows, total } = await listAuditEntries(db, actor.orgId, q);
      return { items: rows.map(toDto), total, page: q.page, pageSize: q.pageSize };
    },

    /**
     * Every entry matching the list's filters, in its order, in batches. Entries written after the
     * export began are left out, so the batches never shift under it.
     */
    async *exportRows(actor: Actor, q: TAuditFilter) {
      requirePermission(actor, 'audit:read');
      requirePermission(actor, 'export:run');
      const until = await findLatestEntryAt(db, actor.orgId, q);
      if (!until) return;
      yield* inBatches(async (limit, offset) => (await pageAuditEntries(db, actor.orgId, q, { until, limit, offset })).map(toDto));
    },
  };
}
