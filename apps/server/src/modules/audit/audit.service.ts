import { and, asc, count, desc, eq, gte, lte } from 'drizzle-orm';
import { type Actor, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
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

export function createAuditService(deps: { db: Db }) {
  return {
    async list(
      actor: Actor,
      q: {
        entityType?: string;
        entityId?: string;
        actorUserId?: string;
        from?: string;
        to?: string;
        order?: 'asc' | 'desc';
        page: number;
        pageSize: number;
      },
    ) {
      requirePermission(actor, 'audit:read');
      const where = and(
        eq(auditLog.orgId, actor.orgId),
        q.entityType ? eq(auditLog.entityType, q.entityType) : undefined,
        q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
        q.actorUserId ? eq(auditLog.actorUserId, q.actorUserId) : undefined,
        q.from ? gte(auditLog.at, new Date(q.from)) : undefined,
        q.to ? lte(auditLog.at, new Date(q.to)) : undefined,
      );
      const [rows, [total]] = await Promise.all([
        deps.db
          .select()
          .from(auditLog)
          .where(where)
          .orderBy(...(q.order === 'asc' ? [asc(auditLog.at), asc(auditLog.id)] : [desc(auditLog.at), desc(auditLog.id)]))
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize),
        deps.db.select({ n: count() }).from(auditLog).where(where),
      ]);
      return {
        items: rows.map((r) => ({ ...r, at: r.at.toISOString() })),
        total: total?.n ?? 0,
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  };
}
