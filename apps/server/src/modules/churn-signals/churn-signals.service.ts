import { type Actor, accountOwnerScope, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events.ts';
import { inBatches } from '../../platform/http/csv.ts';
import { newId } from '../../platform/ids.ts';
import type { AccountService } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { TimelineService } from '../timeline/index.ts';
import { churnSignalsMessages as m } from './churn-signals.messages.ts';
import {
  acknowledgeChurnSignalRow,
  countChurnSignals,
  findChurnSignalById,
  findChurnSignalsPage,
  insertChurnSignalOnce,
  listChurnSignalRowsOfAccount,
  type TChurnSignalListRow,
  type TChurnSignalRow,
} from './churn-signals.repository.ts';
import type {
  TAcknowledgeChurnSignal,
  TChurnSignal,
  TChurnSignalListItem,
  TChurnSignalListQuery,
  TChurnSignalsExportQuery,
  TChurnSignalsQuery,
  TCreateChurnSignal,
  TRaiseSignal,
  TSignalKind,
} from './churn-signals.schemas.ts';
import { createUsageSignals } from './churn-signals.usage.ts';
import { describeSignal } from './churn-signals.wording.ts';

export function toChurnSignalDto(r: TChurnSignalRow): TChurnSignal {
  return {
    id: r.id,
    accountId: r.accountId,
    kind: r.kind as TSignalKind,
    occurredAt: r.occurredAt.toISOString(),
    details: r.details,
    note: r.note,
    createdByUserId: r.createdByUserId,
    createdByName: r.createdByName,
    acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
    acknowledgedByName: r.acknowledgedByName,
    acknowledgeNote: r.acknowledgeNote,
    createdAt: r.createdAt.toISOString(),
  };
}

const toListItem = (r: TChurnSignalListRow): TChurnSignalListItem => ({
  ...toChurnSignalDto(r),
  accountName: r.accountName,
  ownerName: r.ownerName,
});
const scopeOf = (actor: Actor) => ({ orgId: actor.orgId, ownerUserId: accountOwnerScope(actor) });

export type ChurnSignalService = ReturnType<typeof createChurnSignalService>;

/** Business rules. Each method checks the permission first; a write and its audit entry commit in one transaction. */
export function createChurnSignalService(deps: {
  db: Db;
  clock: Clock;
  events: EventBus;
  accounts: AccountService;
  timeline: TimelineService;
}) {
  const { db, clock } = deps;

  /** In the actor's organisation and on an account the actor may see (ownAccountsOnly), or 404. */
  async function getVisible(tx: Db, actor: Actor, id: string) {
    const row = await findChurnSignalById(tx, actor.orgId, id);
    if (!row) throw notFound('ChurnSignal');
    await deps.accounts.requireVisible(actor, row.accountId, tx);
    return row;
  }

  /**
   * Raises a signal in the caller's transaction, once per `sourceRef`: the row, its timeline entry and the
   * `churn_signal.raised` event commit together. Returns the new signal's id, or null when its cause was raised before.
   */
  async function raise(tx: Db, orgId: string, s: TRaiseSignal): Promise<string | null> {
    const id = newId();
    const details = s.details ?? {};
    const note = s.note ?? null;
    const inserted = await insertChurnSignalOnce(tx, {
      orgId,
      id,
      accountId: s.accountId,
      kind: s.kind,
      occurredAt: s.occurredAt,
      details,
      sourceRef: s.sourceRef,
      note,
      createdByUserId: s.createdByUserId ?? null,
      createdAt: clock.now(),
    });
    if (!inserted) return null;
    await deps.timeline.recordEntry(tx, orgId, {
      accountId: s.accountId,
      kind: 'churn_signal',
      occurredAt: s.occurredAt,
      subject: describeSignal(s.kind, details, note),
      data: { signalId: id, signalKind: s.kind, note, ...details },
      sourceRef: `churn_signal:${id}`,
      authorUserId: s.createdByUserId ?? null,
      source: 'churn-signals',
    });
    await deps.events.publish(tx, orgId, 'churn_signal.raised', { signalId: id, accountId: s.accountId, kind: s.kind });
    return id;
  }

  return {
    raise,
    /** usage_drop and no_login: the daily detection, the rule's thresholds and their settings. */
    ...createUsageSignals({ db, clock, raise }),

    /** The organisation's signals on the accounts the actor may see: kinds, status, owner, dates, search, sort, paging. */
    async list(actor: Actor, q: TChurnSignalsQuery) {
      requirePermission(actor, 'churn_signal:read');
      const page = { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
      const [rows, total] = await Promise.all([
        findChurnSignalsPage(db, scopeOf(actor), q, page),
        countChurnSignals(db, scopeOf(actor), q),
      ]);
      return { items: rows.map(toListItem), total, page: q.page, pageSize: q.pageSize };
    },

    /** Every row of the list with the same filters and order, a batch at a time, for the CSV export. */
    async *exportRows(actor: Actor, q: TChurnSignalsExportQuery) {
      requirePermission(actor, 'churn_signal:read');
      requirePermission(actor, 'export:run');
      yield* inBatches(async (limit, offset) => (await findChurnSignalsPage(db, scopeOf(actor), q, { limit, offset })).map(toListItem));
    },

    async listOfAccount(actor: Actor, accountId: string, q: TChurnSignalListQuery) {
      requirePermission(actor, 'churn_signal:read');
      await deps.accounts.requireVisible(actor, accountId);
      const { rows, total } = await listChurnSignalRowsOfAccount(db, actor.orgId, accountId, q);
      return { items: rows.map(toChurnSignalDto), total, page: q.page, pageSize: q.pageSize };
    },

    async get(actor: Actor, id: string) {
      requirePermission(actor, 'churn_signal:read');
      return toChurnSignalDto(await getVisible(db, actor, id));
    },

    /** A CSM's own worry about an account, raised by hand like the product's signals (playbooks see it the same way). */
    async create(actor: Actor, accountId: string, input: TCreateChurnSignal) {
      requirePermission(actor, 'churn_signal:write');
      return db.transaction(async (tx) => {
        const account = await deps.accounts.requireVisible(actor, accountId, tx);
        if (account.archivedAt) throw invalid('accountId', m.churn_signal_account_archived);
        const id = await raise(tx, actor.orgId, {
          accountId,
          kind: 'manual',
          occurredAt: clock.now(),
          sourceRef: `manual:${newId()}`,
          note: input.note,
          createdByUserId: actor.userId,
        });
        const row = id ? await findChurnSignalById(tx, actor.orgId, id) : null;
        if (!row) throw notFound('ChurnSignal');
        const dto = toChurnSignalDto(row);
        await recordAudit(tx, clock, actor, { entityType: 'churn_signal', entityId: dto.id, action: 'created', after: dto });
        return dto;
      });
    },

    /** A CSM has seen the signal and acted (or decided not to): who, when and why (again: the latest counts). */
    async acknowledge(actor: Actor, id: string, input: TAcknowledgeChurnSignal) {
      requirePermission(actor, 'churn_signal:write');
      return db.transaction(async (tx) => {
        await getVisible(tx, actor, id);
        await acknowledgeChurnSignalRow(tx, actor.orgId, id, { userId: actor.userId, at: clock.now(), note: input.note ?? null });
        const after = await getVisible(tx, actor, id);
        const dto = toChurnSignalDto(after);
        await recordAudit(tx, clock, actor, {
          entityType: 'churn_signal',
          entityId: id,
          action: 'acknowledged',
          after: { acknowledgeNote: dto.acknowledgeNote },
        });
        return dto;
      });
    },
  };
}
