import { type Actor, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { inBatches } from '../../platform/http/csv.ts';
import { newId } from '../../platform/ids.ts';
import type { AccountService } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { findContactById } from '../contacts/index.ts';
import { timelineMessages as m } from './timeline.messages.ts';
import {
  deleteInteraction,
  findInteractionById,
  findLatestCreatedAt,
  insertInteraction,
  listInteractions,
  pageInteractions,
  type TInteractionRow,
  upsertSystemEntries,
  upsertSystemEntry,
} from './timeline.repository.ts';
import type { SYSTEM_ENTRY_KINDS, TCreateInteraction, TInteraction, TTimelineFilter, TTimelineQuery } from './timeline.schemas.ts';

const DAY_MS = 24 * 3600_000;

export const toInteractionDto = (r: TInteractionRow): TInteraction => ({
  id: r.id,
  accountId: r.accountId,
  contactId: r.contactId,
  contactName: r.contactFirstName ? `${r.contactFirstName} ${r.contactLastName ?? ''}`.trim() : null,
  kind: r.kind as TInteraction['kind'],
  direction: r.direction as TInteraction['direction'],
  subject: r.subject,
  body: r.body,
  durationMinutes: r.durationMinutes,
  occurredAt: r.occurredAt.toISOString(),
  authorUserId: r.authorUserId,
  authorName: r.authorName,
  source: r.source,
  data: r.data ?? null,
  createdAt: r.createdAt.toISOString(),
});

export type TimelineService = ReturnType<typeof createTimelineService>;

/** An entry another module writes on an account's timeline, keyed by its source record (`sourceRef`). */
interface TSystemEntry {
  accountId: string;
  /** A support request is an interaction kind people may also log by hand; the support module writes its requests' entries. */
  kind: (typeof SYSTEM_ENTRY_KINDS)[number] | 'support_request';
  occurredAt: Date;
  subject: string;
  data: Record<string, unknown>;
  sourceRef: string;
  authorUserId: string | null;
  source: string;
}

export function createTimelineService(deps: { db: Db; clock: Clock; accounts: AccountService }) {
  const { db, clock } = deps;

  return {
    async list(actor: Actor, accountId: string, q: TTimelineQuery) {
      requirePermission(actor, 'interaction:read');
      await deps.accounts.requireVisible(actor, accountId);
      const { rows, total } = await listInteractions(db, actor.orgId, accountId, q);
      return { items: rows.map(toInteractionDto), total, page: q.page, pageSize: q.pageSize };
    },

    /** The account's interactions matching the list's filters, in its order; ones logged after the export began are left out. */
    async *exportRows(actor: Actor, accountId: string, q: TTimelineFilter) {
      requirePermission(actor, 'interaction:read');
      requirePermission(actor, 'export:run');
      await deps.accounts.requireVisible(actor, accountId);
      const createdUntil = await findLatestCreatedAt(db, actor.orgId, accountId, q);
      if (!createdUntil) return;
      yield* inBatches(async (limit, offset) =>
        (await pageInteractions(db, actor.orgId, accountId, q, { createdUntil, limit, offset })).map(toInteractionDto),
      );
    },

    async create(actor: Actor, accountId: string, input: TCreateInteraction) {
      requirePermission(actor, 'interaction:write');
      const occurredAt = input.occurredAt ? new Date(input.occurredAt) : clock.now();
      if (occurredAt.getTime() > clock.now().getTime() + DAY_MS) throw invalid('occurredAt', m.too_far_in_future);
      return db.transaction(async (tx) => {
        await deps.accounts.requireVisible(actor, accountId, tx);
        if (input.contactId) {
          const contact = await findContactById(tx, actor.orgId, input.contactId);
          if (contact?.accountId !== accountId) throw invalid('contactId', m.unknown_contact);
        }
        const id = newId();
        await insertInteraction(tx, actor.orgId, {
          id,
          accountId,
          contactId: input.contactId ?? null,
          kind: input.kind,
          direction: input.direction ?? null,
          subject: input.subject,
          body: input.body ?? '',
          durationMinutes: input.durationMinutes ?? null,
          occurredAt,
          authorUserId: actor.userId,
          createdAt: clock.now(),
        });
        const row = await findInteractionById(tx, actor.orgId, id);
        if (!row) throw notFound('Interaction');
        const dto = toInteractionDto(row);
        await recordAudit(tx, clock, actor, {
          entityType: 'account',
          entityId: accountId,
          action: 'interaction_logged',
          after: { kind: dto.kind, subject: dto.subject },
        });
        return dto;
      });
    },

    /**
     * An entry another module writes in its own transaction (a subscription change …), once per `sourceRef`:
     * `subject` is the English wording, `data` what the web renders in the reader's language.
     */
    async recordEntry(tx: Db, orgId: string, entry: TSystemEntry) {
      await upsertSystemEntry(tx, orgId, {
        id: newId(),
        contactId: null,
        direction: null,
        body: '',
        durationMinutes: null,
        createdAt: clock.now(),
        ...entry,
      });
    },

    /** Many system entries at once (an import's subscription history), each upserted by its source like recordEntry. */
    async recordEntries(tx: Db, orgId: string, entries: TSystemEntry[]) {
      const createdAt = clock.now();
      await upsertSystemEntries(
        tx,
        orgId,
        entries.map((entry) => ({ id: newId(), contactId: null, direction: null, body: '', durationMinutes: null, createdAt, ...entry })),
      );
    },

    async remove(actor: Actor, id: string) {
      requirePermission(actor, 'interaction:write');
      await db.transaction(async (tx) => {
        const row = await findInteractionById(tx, actor.orgId, id);
        if (!row) throw notFound('Interaction');
        await deps.accounts.requireVisible(actor, row.accountId, tx);
        await deleteInteraction(tx, actor.orgId, id);
        await recordAudit(tx, clock, actor, {
          entityType: 'account',
          entityId: row.accountId,
          action: 'interaction_deleted',
          before: toInteractionDto(row),
        });
      });
    },
  };
}
