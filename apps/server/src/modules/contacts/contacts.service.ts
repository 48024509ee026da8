import { and, arrayOverlaps, asc, count, desc, eq, gt, ilike, isNull, or, type SQL, sql } from 'drizzle-orm';
import { type Actor, accountOwnerScope, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { containsPattern } from '../../platform/db/like.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { AccountService } from '../accounts/index.ts';
import { accounts } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { loadCustomFields, requireValidCustomValues } from '../custom-fields/index.ts';
import type { TContact, TContactListQuery, TCreateContact, TUpdateContact } from './contacts.schemas.ts';
import { contacts } from './contacts.table.ts';

type Row = { c: typeof contacts.$inferSelect; accountName: string };
const toDto = ({ c, accountName }: Row): TContact => ({
  id: c.id,
  accountId: c.accountId,
  accountName,
  firstName: c.firstName,
  lastName: c.lastName,
  email: c.email,
  phone: c.phone,
  jobTitle: c.jobTitle,
  roles: c.roles as TContact['roles'],
  language: c.language,
  externalId: c.externalId,
  custom: c.custom,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

const SORTS = {
  name: sql`lower(${contacts.lastName} || ' ' || ${contacts.firstName})`,
  email: contacts.email,
  createdAt: contacts.createdAt,
  account: sql`lower(${accounts.name})`,
} as const;

export type ContactService = ReturnType<typeof createContactService>;

export function createContactService(deps: { db: Db; clock: Clock; accounts: AccountService }) {
  const { db, clock } = deps;
  const select = (tx: Db) =>
    tx
      .select({ c: contacts, accountName: accounts.name })
      .from(contacts)
      .innerJoin(accounts, and(eq(accounts.orgId, contacts.orgId), eq(accounts.id, contacts.accountId)));

  function where(actor: Actor, q: Partial<TContactListQuery>): SQL | undefined {
    const owner = accountOwnerScope(actor);
    const like = q.q ? containsPattern(q.q) : null;
    return and(
      eq(contacts.orgId, actor.orgId),
      isNull(accounts.archivedAt),
      owner ? eq(accounts.ownerUserId, owner) : undefined,
      q.accountId ? eq(contacts.accountId, q.accountId) : undefined,
      like
        ? or(ilike(contacts.firstName, like), ilike(contacts.lastName, like), ilike(contacts.email, like), ilike(contacts.jobTitle, like))
        : undefined,
      q.role?.length ? arrayOverlaps(contacts.roles, q.role) : undefined,
      q.language ? eq(contacts.language, q.language) : undefined,
    );
  }

  async function getRow(tx: Db, actor: Actor, id: string) {
    const [row] = await select(tx).where(and(eq(contacts.orgId, actor.orgId), eq(contacts.id, id)));
    if (!row) throw notFound('Contact');
    await deps.accounts.requireVisible(actor, row.c.accountId, tx);
    return row;
  }

  async function checkUnique(
    tx: Db,
    orgId: string,
    accountId: string,
    input: { email?: string | null; externalId?: string | null },
    exceptId?: string,
  ) {
    if (input.email) {
      const [c] = await tx
        .select({ id: contacts.id })
        .from(contacts)
        .where(
          and(eq(contacts.orgId, orgId), eq(contacts.accountId, accountId), sql`lower(${contacts.email}) = ${input.email.toLowerCase()}`),
        );
      if (c && c.id !== exceptId) throw conflict('email', 'this account already has a contact with this e-mail');
    }
    if (input.externalId) {
      const [c] = await tx
        .select({ id: contacts.id })
        .from(contacts)
        .where(and(eq(contacts.orgId, orgId), eq(contacts.externalId, input.externalId)));
      if (c && c.id !== exceptId) throw conflict('externalId', 'another contact has this external id');
    }
  }

  return {
    async list(actor: Actor, q: TContactListQuery) {
      requirePermission(actor, 'contact:read');
      if (q.accountId) await deps.accounts.requireVisible(actor, q.accountId);
      const w = where(actor, q);
      const dir = q.order === 'desc' ? desc : asc;
      const [rows, [total]] = await Promise.all([
        select(db)
          .where(w)
          .orderBy(dir(SORTS[q.sort]), dir(contacts.id))
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize),
        db
          .select({ n: count() })
          .from(contacts)
          .innerJoin(accounts, and(eq(accounts.orgId, contacts.orgId), eq(accounts.id, contacts.accountId)))
          .where(w),
      ]);
      return { items: rows.map(toDto), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
    },

    async *exportRows(actor: Actor, q: Partial<TContactListQuery>) {
      requirePermission(actor, 'contact:read');
      requirePermission(actor, 'export:run');
      let after: string | null = null;
      for (;;) {
        const batch = await select(db)
          .where(and(where(actor, q), after ? gt(contacts.id, after) : undefined))
          .orderBy(asc(contacts.id))
          .limit(1000);
        if (!batch.length) return;
        yield batch.map(toDto);
        after = batch[batch.length - 1]?.c.id ?? null;
        if (batch.length < 1000) return;
      }
    },

    async get(actor: Actor, id: string) {
      requirePermission(actor, 'contact:read');
      return toDto(await getRow(db, actor, id));
    },

    async create(actor: Actor, accountId: string, input: TCreateContact) {
      requirePermission(actor, 'contact:write');
      return db.transaction(async (tx) => {
        const account = await deps.accounts.requireVisible(actor, accountId, tx);
        const custom = requireValidCustomValues(await loadCustomFields(tx, actor.orgId, 'contact'), input.custom, true);
        await checkUnique(tx, actor.orgId, accountId, input);
        const now = clock.now();
        const id = newId();
        await tx.insert(contacts).values({
          orgId: actor.orgId,
          id,
          accountId,
          firstName: input.firstName,
          lastName: input.lastName ?? '',
          email: input.email ?? null,
          phone: input.phone ?? null,
          jobTitle: input.jobTitle ?? null,
          roles: [...new Set(input.roles ?? [])],
          language: input.language ?? null,
          externalId: input.externalId || null,
          custom,
          createdAt: now,
          updatedAt: now,
        });
        const dto = toDto({
          c: (
            await tx
              .select()
              .from(contacts)
              .where(and(eq(contacts.orgId, actor.orgId), eq(contacts.id, id)))
          )[0]!,
          accountName: account.name,
        });
        await recordAudit(tx, clock, actor, { entityType: 'contact', entityId: id, action: 'created', after: dto });
        await recordAudit(tx, clock, actor, {
          entityType: 'account',
          entityId: accountId,
          action: 'contact_added',
          after: { contact: `${dto.firstName} ${dto.lastName}`.trim() },
        });
        return dto;
      });
    },

    async update(actor: Actor, id: string, input: TUpdateContact) {
      requirePermission(actor, 'contact:write');
      return db.transaction(async (tx) => {
        const before = await getRow(tx, actor, id);
        const { custom: customInput, ...fields } = input;
        const custom = customInput
          ? { ...before.c.custom, ...requireValidCustomValues(await loadCustomFields(tx, actor.orgId, 'contact'), customInput, false) }
          : before.c.custom;
        await checkUnique(tx, actor.orgId, before.c.accountId, fields, id);
        await tx
          .update(contacts)
          .set({ ...fields, ...(fields.roles ? { roles: [...new Set(fields.roles)] } : {}), custom, updatedAt: clock.now() })
          .where(and(eq(contacts.orgId, actor.orgId), eq(contacts.id, id)));
        const after = await getRow(tx, actor, id);
        await recordAudit(tx, clock, actor, {
          entityType: 'contact',
          entityId: id,
          action: 'updated',
          before: toDto(before),
          after: toDto(after),
        });
        return toDto(after);
      });
    },

    async remove(actor: Actor, id: string) {
      requirePermission(actor, 'contact:write');
      await db.transaction(async (tx) => {
        const before = await getRow(tx, actor, id);
        // The timeline keeps its entries and forgets the contact (ON DELETE SET NULL (contact_id), migration 0003).
        await tx.delete(contacts).where(and(eq(contacts.orgId, actor.orgId), eq(contacts.id, id)));
        await recordAudit(tx, clock, actor, { entityType: 'contact', entityId: id, action: 'deleted', before: toDto(before) });
        await recordAudit(tx, clock, actor, {
          entityType: 'account',
          entityId: before.c.accountId,
          action: 'contact_removed',
          before: { contact: `${before.c.firstName} ${before.c.lastName}`.trim() },
        });
      });
    },
  };
}
