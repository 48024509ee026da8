import { and, asc, count, desc, eq, gte, lte, max } from 'drizzle-orm';
import { type Actor, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { inBatches } from '../../platform/http/csv.ts';
import { newId } from '../../platform/ids.ts';
import { auditLog } from './audit.table.ts';

export interface TAuditEntry {
  entityType: string;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
}

/** Write an audit row in the caller's transaction, so the change and its record commit together. */
export async function recordAudit(tx: Db, clock: Clock, actor: Actor | null, entry: TAuditEntry) {
  await tx.insert(auditLog).values({
    orgId: actor?.orgId ?? (entry as { orgId?: string }).orgId ?? '',
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

export const AUDIT_SORTS = ['at', 'actorLabel', 'entityType', 'action'] as const;

export interface TAuditQuery {
  entityType?: string;
  entityId?: string;
  actorUserId?: string;
  from?: string;
  to?: string;
  sort?: (typeof AUDIT_SORTS)[number];
  order?: 'asc' | 'desc';
}

const SORT_COLUMNS = { at: auditLog.at, actorLabel: auditLog.actorLabel, entityType: auditLog.entityType, action: auditLog.action };

export function createAuditService(deps: { db: Db }) {
  const whereOf = (orgId: string, q: TAuditQuery, until?: Date) =>
    and(
      eq(auditLog.orgId, orgId),
      q.entityType ? eq(auditLog.entityType, q.entityType) : undefined,
      q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
      q.actorUserId ? eq(auditLog.actorUserId, q.actorUserId) : undefined,
      q.from ? gte(auditLog.at, new Date(q.from)) : undefined,
      q.to ? lte(auditLog.at, new Date(q.to)) : undefined,
      until ? lte(auditLog.at, until) : undefined,
    );
  // Ties (same actor, same action) keep time order, newest first unless the list asks otherwise; the id makes pages stable.
  const orderOf = (q: TAuditQuery) => {
    const dir = q.order === 'asc' ? asc : desc;
    const column = SORT_COLUMNS[q.sort ?? 'at'];
    return column === auditLog.at ? [dir(auditLog.at), dir(auditLog.id)] : [dir(column), desc(auditLog.at), desc(auditLog.id)];
  };
  const toDto = (r: typeof auditLog.$inferSelect) => ({ ...r, at: r.at.toISOString() });

  return {
    async list(actor: Actor, q: TAuditQuery & { page: number; pageSize: number }) {
      requirePermission(actor, 'audit:read');
      const where = whereOf(actor.orgId, q);
      const [rows, [total]] = await Promise.all([
        deps.db
          .select()
          .from(auditLog)
          .where(where)
          .orderBy(...orderOf(q))
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize),
        deps.db.select({ n: count() }).from(auditLog).where(where),
      ]);
      return { items: rows.map(toDto), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
    },

    /**
     * Every entry matching the list's filters, in its order, in batches. Entries written after the
     * export began are left out, so the batches never shift under it.
     */
    async *exportRows(actor: Actor, q: TAuditQuery) {
      requirePermission(actor, 'audit:read');
      requirePermission(actor, 'export:run');
      const [last] = await deps.db
        .select({ at: max(auditLog.at) })
        .from(auditLog)
        .where(whereOf(actor.orgId, q));
      if (!last?.at) return;
      const where = whereOf(actor.orgId, q, last.at);
      yield* inBatches(async (limit, offset) =>
        (
          await deps.db
            .select()
            .from(auditLog)
            .where(where)
            .orderBy(...orderOf(q))
            .limit(limit)
            .offset(offset)
        ).map(toDto),
      );
    },
  };
}
