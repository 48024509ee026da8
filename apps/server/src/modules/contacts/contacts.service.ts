import { type Actor, accountOwnerScope, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import type { AccountService } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { loadCustomFields, requireValidCustomValues } from '../custom-fields/index.ts';
import { contactMessages as m } from './contacts.messages.ts';
import {
  deleteContact,
  findContactById,
  findContactIdByEmail,
  findContactIdByExternalId,
  insertContact,
  iterateContacts,
  listContacts,
  type TContactRow,
  type TContactScope,
  updateContact,
} from './contacts.repository.ts';
import type { TContact, TContactListQuery, TCreateContact, TUpdateContact } from './contacts.schemas.ts';

export const toContactDto = (c: TContactRow): TContact => ({
  id: c.id,
  accountId: c.accountId,
  accountName: c.accountName,
  firstName: c.firstName,
  lastName: c.lastName,
  email: c.email,
  phone: c.phone,
  jobTitle: c.jobTitle,
  roles: c.roles as TContact['roles'],
  language: c.language,
  externalId: c.externalId,
  leftOn: c.leftOn,
  custom: c.custom,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

const fullName = (c: { firstName: string; lastName: string }) => `${c.firstName} ${c.lastName}`.trim();
const scopeOf = (actor: Actor): TContactScope => ({ orgId: actor.orgId, ownerUserId: accountOwnerScope(actor) });

export type ContactService = ReturnType<typeof createContactService>;

export function createContactService(deps: { db: Db; clock: Clock; events: EventBus; accounts: AccountService }) {
  const { db, clock } = deps;

  /** A contact who left (a day set where there was none) is published: a champion leaving is a churn signal. */
  async function announceLeaving(tx: Db, orgId: string, before: { leftOn: string | null } | null, after: TContact) {
    if (after.leftOn && !before?.leftOn)
      await deps.events.publish(tx, orgId, 'contact.left', {
        contactId: after.id,
        accountId: after.accountId,
        name: fullName(after),
        roles: after.roles,
        leftOn: after.leftOn,
      });
  }

  async function getRow(tx: Db, actor: Actor, id: string) {
    const row = await findContactById(tx, actor.orgId, id);
    if (!row) throw notFound('Contact');
    await deps.accounts.requireVisible(actor, row.accountId, tx);
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
      const id = await findContactIdByEmail(tx, orgId, accountId, input.email);
      if (id && id !== exceptId) throw conflict('email', m.contact_email_taken);
    }
    if (input.externalId) {
      const id = await findContactIdByExternalId(tx, orgId, input.externalId);
      if (id && id !== exceptId) throw conflict('externalId', m.contact_external_id_taken);
    }
  }

  return {
    async list(actor: Actor, q: TContactListQuery) {
      requirePermission(actor, 'contact:read');
      if (q.accountId) await deps.accounts.requireVisible(actor, q.accountId);
      const { rows, total } = await listContacts(db, scopeOf(actor), q);
      return { items: rows.map(toContactDto), total, page: q.page, pageSize: q.pageSize };
    },

    /** The export's custom-field columns (the organisation's contact fields) and its rows in batches. */
    async exportRows(actor: Actor, q: Partial<TContactListQuery>) {
      requirePermission(actor, 'contact:read');
      requirePermission(actor, 'export:run');
      const customKeys = (await loadCustomFields(db, actor.orgId, 'contact')).map((d) => d.key);
      async function* batches() {
        for await (const batch of iterateContacts(db, scopeOf(actor), q)) yield batch.map(toContactDto);
      }
      return { customKeys, batches: batches() };
    },

    async get(actor: Actor, id: string) {
      requirePermission(actor, 'contact:read');
      return toContactDto(await getRow(db, actor, id));
    },

    async create(actor: Actor, accountId: string, input: TCreateContact) {
      requirePermission(actor, 'contact:write');
      return db.transaction(async (tx) => {
        await deps.accounts.requireVisible(actor, accountId, tx);
        const custom = requireValidCustomValues(await loadCustomFields(tx, actor.orgId, 'contact'), input.custom, true);
        await checkUnique(tx, actor.orgId, accountId, input);
        const now = clock.now();
        const id = newId();
        await insertContact(tx, actor.orgId, {
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
          leftOn: input.leftOn ?? null,
          custom,
          createdAt: now,
          updatedAt: now,
        });
        const row = await findContactById(tx, actor.orgId, id);
        if (!row) throw notFound('Contact');
        const dto = toContactDto(row);
        await recordAudit(tx, clock, actor, { entityType: 'contact', entityId: id, action: 'created', after: dto });
        await announceLeaving(tx, actor.orgId, null, dto);
        await recordAudit(tx, clock, actor, {
          entityType: 'account',
          entityId: accountId,
          action: 'contact_added',
          after: { contact: fullName(dto) },
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
          ? { ...before.custom, ...requireValidCustomValues(await loadCustomFields(tx, actor.orgId, 'contact'), customInput, false) }
          : before.custom;
        await checkUnique(tx, actor.orgId, before.accountId, fields, id);
        await updateContact(tx, actor.orgId, id, {
          ...fields,
          ...(fields.roles ? { roles: [...new Set(fields.roles)] } : {}),
          custom,
          updatedAt: clock.now(),
        });
        const after = await getRow(tx, actor, id);
        await recordAudit(tx, clock, actor, {
          entityType: 'contact',
          entityId: id,
          action: 'updated',
          before: toContactDto(before),
          after: toContactDto(after),
        });
        await announceLeaving(tx, actor.orgId, before, toContactDto(after));
        return toContactDto(after);
      });
    },

    async remove(actor: Actor, id: string) {
      requirePermission(actor, 'contact:write');
      await db.transaction(async (tx) => {
        const before = await getRow(tx, actor, id);
        // The timeline keeps its entries and forgets the contact (ON DELETE SET NULL (contact_id), migration 0003).
        await deleteContact(tx, actor.orgId, id);
        await recordAudit(tx, clock, actor, { entityType: 'contact', entityId: id, action: 'deleted', before: toContactDto(before) });
        await recordAudit(tx, clock, actor, {
          entityType: 'account',
          entityId: before.accountId,
          action: 'contact_removed',
          before: { contact: fullName(before) },
        });
      });
    },
  };
}
