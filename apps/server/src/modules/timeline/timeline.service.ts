import { and, asc, count, desc, eq, ilike, inArray, lte, max, or } from 'drizzle-orm';
import { z } from 'zod';
import { type Actor, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { containsPattern } from '../../platform/db/like.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { inBatches } from '../../platform/http/csv.ts';
import { ZPageQuery, zInt, zIsoDateTime, zPage, zStringList, zText } from '../../platform/http/schemas.ts';
import { newId } from '../../platform/ids.ts';
import type { AccountService } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { contacts } from '../contacts/contacts.table.ts';
import { users } from '../identity/identity.table.ts';
import { interactions } from './timeline.table.ts';

export const INTERACTION_KINDS = ['note', 'call', 'email', 'meeting', 'chat', 'support_request'] as const;
export const zInteractionKind = z.enum(INTERACTION_KINDS);

export const ZInteraction = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  contactId: z.uuid().nullable(),
  contactName: z.string().nullable(),
  kind: zInteractionKind,
  direction: z.enum(['inbound', 'outbound']).nullable(),
  subject: z.string(),
  body: z.string(),
  durationMinutes: z.int().nullable(),
  occurredAt: z.string(),
  authorUserId: z.uuid().nullable(),
  authorName: z.string().nullable(),
  source: z.string(),
  createdAt: z.string(),
});
export type TInteraction = z.infer<typeof ZInteraction>;

export const ZCreateInteractionRequest = z.strictObject({
  kind: zInteractionKind,
  subject: zText(300),
  /**
   * Kept as typed (no trim), except a leading U+FEFF (a byte order mark pasted along): the embedded database's
   * driver drops it when reading, so it is dropped on the way in and both databases give back the same text.
   */
  body: z
    .string()
    .overwrite((s) => s.replace(/^\uFEFF+/, ''))
    .max(20_000)
    .optional(),
  contactId: z.uuid().nullable().optional(),
  direction: z.enum(['inbound', 'outbound']).nullable().optional(),
  durationMinutes: zInt(0, 24 * 60)
    .nullable()
    .optional(),
  /** Defaults to now; may be in the past (logging a call after the fact) but not more than a day ahead. */
  occurredAt: zIsoDateTime.optional(),
});
export type TCreateInteraction = z.infer<typeof ZCreateInteractionRequest>;

export const ZTimelineQuery = ZPageQuery.extend({
  kind: zStringList(zInteractionKind),
  /** Words in the subject or the text. */
  q: z.string().trim().max(200).optional(),
  order: z.enum(['asc', 'desc']).default('desc'),
});
type TTimelineQuery = Omit<z.infer<typeof ZTimelineQuery>, 'page' | 'pageSize'>;
/** `%`, `_` and `\` typed into a search box are literal characters, not patterns. */
export const ZTimelinePage = zPage(ZInteraction);

export type TimelineService = ReturnType<typeof createTimelineService>;

export function createTimelineService(deps: { db: Db; clock: Clock; accounts: AccountService }) {
  const { db, clock } = deps;
  const select = (tx: Db) =>
    tx
      .select({ i: interactions, authorName: users.name, contactFirst: contacts.firstName, contactLast: contacts.lastName })
      .from(interactions)
      .leftJoin(users, and(eq(users.orgId, interactions.orgId), eq(users.id, interactions.authorUserId)))
      .leftJoin(contacts, and(eq(contacts.orgId, interactions.orgId), eq(contacts.id, interactions.contactId)));
  type Row = Awaited<ReturnType<ReturnType<typeof select>['execute']>>[number];
  const toDto = (r: Row): TInteraction => ({
    id: r.i.id,
    accountId: r.i.accountId,
    contactId: r.i.contactId,
    contactName: r.contactFirst ? `${r.contactFirst} ${r.contactLast ?? ''}`.trim() : null,
    kind: r.i.kind as TInteraction['kind'],
    direction: r.i.direction as TInteraction['direction'],
    subject: r.i.subject,
    body: r.i.body,
    durationMinutes: r.i.durationMinutes,
    occurredAt: r.i.occurredAt.toISOString(),
    authorUserId: r.i.authorUserId,
    authorName: r.authorName,
    source: r.i.source,
    createdAt: r.i.createdAt.toISOString(),
  });

  const whereOf = (orgId: string, accountId: string, q: TTimelineQuery, createdUntil?: Date) =>
    and(
      eq(interactions.orgId, orgId),
      eq(interactions.accountId, accountId),
      q.kind?.length ? inArray(interactions.kind, q.kind) : undefined,
      q.q ? or(ilike(interactions.subject, containsPattern(q.q)), ilike(interactions.body, containsPattern(q.q))) : undefined,
      createdUntil ? lte(interactions.createdAt, createdUntil) : undefined,
    );
  const orderOf = (q: TTimelineQuery) =>
    q.order === 'asc' ? [asc(interactions.occurredAt), desc(interactions.id)] : [desc(interactions.occurredAt), desc(interactions.id)];

  return {
    async list(actor: Actor, accountId: string, q: z.infer<typeof ZTimelineQuery>) {
      requirePermission(actor, 'interaction:read');
      await deps.accounts.requireVisible(actor, accountId);
      const where = whereOf(actor.orgId, accountId, q);
      const [rows, [total]] = await Promise.all([
        select(db)
          .where(where)
          .orderBy(...orderOf(q))
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize),
        db.select({ n: count() }).from(interactions).where(where),
      ]);
      return { items: rows.map(toDto), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
    },

    /** The account's interactions matching the list's filters, in its order; ones logged after the export began are left out. */
    async *exportRows(actor: Actor, accountId: string, q: TTimelineQuery) {
      requirePermission(actor, 'interaction:read');
      requirePermission(actor, 'export:run');
      await deps.accounts.requireVisible(actor, accountId);
      const [last] = await db
        .select({ at: max(interactions.createdAt) })
        .from(interactions)
        .where(whereOf(actor.orgId, accountId, q));
      if (!last?.at) return;
      const where = whereOf(actor.orgId, accountId, q, last.at);
      yield* inBatches(async (limit, offset) =>
        (
          await select(db)
            .where(where)
            .orderBy(...orderOf(q))
            .limit(limit)
            .offset(offset)
        ).map(toDto),
      );
    },

    async create(actor: Actor, accountId: string, input: TCreateInteraction) {
      requirePermission(actor, 'interaction:write');
      const occurredAt = input.occurredAt ? new Date(input.occurredAt) : clock.now();
      if (occurredAt.getTime() > clock.now().getTime() + 24 * 3600_000)
        throw invalid('occurredAt', 'must not be more than a day in the future');
      return db.transaction(async (tx) => {
        await deps.accounts.requireVisible(actor, accountId, tx);
        if (input.contactId) {
          const [c] = await tx
            .select({ accountId: contacts.accountId })
            .from(contacts)
            .where(and(eq(contacts.orgId, actor.orgId), eq(contacts.id, input.contactId)));
          if (!c || c.accountId !== accountId) throw invalid('contactId', 'no such contact on this account');
        }
        const id = newId();
        await tx.insert(interactions).values({
          orgId: actor.orgId,
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
        const [row] = await select(tx).where(and(eq(interactions.orgId, actor.orgId), eq(interactions.id, id)));
        if (!row) throw notFound('Interaction');
        const dto = toDto(row);
        await recordAudit(tx, clock, actor, {
          entityType: 'account',
          entityId: accountId,
          action: 'interaction_logged',
          after: { kind: dto.kind, subject: dto.subject },
        });
        return dto;
      });
    },

    async remove(actor: Actor, id: string) {
      requirePermission(actor, 'interaction:write');
      await db.transaction(async (tx) => {
        const [row] = await select(tx).where(and(eq(interactions.orgId, actor.orgId), eq(interactions.id, id)));
        if (!row) throw notFound('Interaction');
        await deps.accounts.requireVisible(actor, row.i.accountId, tx);
        await tx.delete(interactions).where(and(eq(interactions.orgId, actor.orgId), eq(interactions.id, id)));
        await recordAudit(tx, clock, actor, {
          entityType: 'account',
          entityId: row.i.accountId,
          action: 'interaction_deleted',
          before: toDto(row),
        });
      });
    },
  };
}
