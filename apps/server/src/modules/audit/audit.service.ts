import { type Actor, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { inBatches } from '../../platform/http/csv.ts';
import { newId } from '../../platform/ids.ts';
import {
  findLatestEntryAt,
  insertAuditEntries,
  insertAuditEntry,
  listAuditEntries,
  pageAuditEntries,
  type TAuditRow,
} from './audit.repository.ts';
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
  await insertAuditEntry(tx, actor?.orgId ?? (entry as { orgId?: string }).orgId ?? '', auditRow(clock, actor, entry));
}

/** Many audit rows by one actor, in the caller's transaction, in the order given (a batch of changes written together). */
export async function recordAudits(tx: Db, clock: Clock, actor: Actor, entries: readonly TAuditEntry[]) {
  await insertAuditEntries(
    tx,
    actor.orgId,
    entries.map((e) => auditRow(clock, actor, e)),
  );
}

function auditRow(clock: Clock, actor: Actor | null, entry: TAuditEntry) {
  return {
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
  };
}

const toDto = ({ orgId: _, ...r }: TAuditRow): TAuditEntryDto => ({ ...r, names: r.names ?? {}, at: r.at.toISOString() });

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
