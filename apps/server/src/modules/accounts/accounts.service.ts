import { type Actor, accountOwnerScope, requireAccountInScope, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events.ts';
import { MESSAGES } from '../../platform/http/validation-messages.ts';
import { newId } from '../../platform/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { loadCustomFields, requireValidCustomValues } from '../custom-fields/index.ts';
import { accountCsvChunks } from './accounts.export.ts';
import { accountMessages as m } from './accounts.messages.ts';
import {
  accountListWhere,
  findAccountById,
  findAccountIdBy,
  insertAccount,
  iterateAccounts,
  listAccounts,
  lockAccount,
  marketExists,
  setFieldOnAccounts,
  type TAccountRow,
  updateAccount,
  userExists,
} from './accounts.repository.ts';
import type { TAccount, TAccountListQuery, TCreateAccount, TUpdateAccount } from './accounts.schemas.ts';

export function toAccountDto(r: TAccountRow): TAccount {
  return {
    id: r.id,
    name: r.name,
    domain: r.domain,
    externalId: r.externalId,
    marketId: r.marketId,
    marketCode: r.marketCode,
    marketName: r.marketName,
    segment: r.segment as TAccount['segment'],
    edition: r.edition as TAccount['edition'],
    lifecycleStage: r.lifecycleStage as TAccount['lifecycleStage'],
    ownerUserId: r.ownerUserId,
    ownerName: r.ownerName,
    tags: r.tags,
    employees: r.employees,
    website: r.website,
    notes: r.notes,
    custom: r.custom,
    version: r.version,
    archivedAt: r.archivedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export type AccountService = ReturnType<typeof createAccountService>;

export function createAccountService(deps: { db: Db; clock: Clock; events: EventBus }) {
  const { db, clock, events } = deps;

  /** Market and owner must belong to the actor's organisation; the composite foreign keys are the second wall. */
  async function checkReferences(tx: Db, orgId: string, input: { marketId?: string | null; ownerUserId?: string | null }) {
    if (input.marketId && !(await marketExists(tx, orgId, input.marketId))) throw invalid('marketId', MESSAGES.unknown_market);
    if (input.ownerUserId && !(await userExists(tx, orgId, input.ownerUserId))) throw invalid('ownerUserId', MESSAGES.unknown_user);
  }

  async function checkUnique(tx: Db, orgId: string, input: { externalId?: string | null; domain?: string | null }, exceptId?: string) {
    const clash = async (column: 'externalId' | 'domain', value: string) => {
      const id = await findAccountIdBy(tx, orgId, column, value);
      return id !== null && id !== exceptId;
    };
    if (input.externalId && (await clash('externalId', input.externalId))) throw conflict('externalId', m.account_external_id_taken);
    if (input.domain && (await clash('domain', input.domain))) throw conflict('domain', m.account_domain_taken);
  }

  async function getInScope(tx: Db, actor: Actor, id: string) {
    const row = await findAccountById(tx, actor.orgId, id);
    if (!row) throw notFound('Account');
    requireAccountInScope(actor, row);
    return row;
  }

  return {
    async get(actor: Actor, id: string) {
      requirePermission(actor, 'account:read');
      return toAccountDto(await getInScope(db, actor, id));
    },

    /** Throws 404 unless the account exists in the actor's organisation and scope; used by contacts and the timeline. */
    async requireVisible(actor: Actor, id: string, tx: Db = db) {
      return getInScope(tx, actor, id);
    },

    async list(actor: Actor, q: TAccountListQuery) {
      requirePermission(actor, 'account:read');
      const where = accountListWhere(actor.orgId, q, accountOwnerScope(actor), actor.userId);
      const { rows, total } = await listAccounts(db, where, q);
      return { items: rows.map(toAccountDto), total, page: q.page, pageSize: q.pageSize };
    },

    async *exportRows(actor: Actor, q: Partial<TAccountListQuery>) {
      requirePermission(actor, 'account:read');
      requirePermission(actor, 'export:run');
      const where = accountListWhere(actor.orgId, q, accountOwnerScope(actor), actor.userId);
      for await (const batch of iterateAccounts(db, where)) yield batch.map(toAccountDto);
    },

    /** Every matching account as CSV chunks; the first batch is read before it returns, so a refusal is still a 403. */
    async exportCsv(actor: Actor, q: Partial<TAccountListQuery>) {
      const rows = this.exportRows(actor, q);
      const first = await rows.next();
      const defs = await loadCustomFields(db, actor.orgId, 'account');
      return accountCsvChunks(defs, first, rows);
    },

    async create(actor: Actor, input: TCreateAccount) {
      requirePermission(actor, 'account:write');
      if (actor.ownAccountsOnly && input.ownerUserId && input.ownerUserId !== actor.userId) {
        throw invalid('ownerUserId', m.create_own_accounts_only);
      }
      return db.transaction(async (tx) => {
        const defs = await loadCustomFields(tx, actor.orgId, 'account');
        const custom = requireValidCustomValues(defs, input.custom, true);
        await checkReferences(tx, actor.orgId, input);
        await checkUnique(tx, actor.orgId, input);
        const now = clock.now();
        const id = newId();
        await insertAccount(tx, {
          orgId: actor.orgId,
          id,
          name: input.name,
          domain: input.domain ?? null,
          externalId: input.externalId || null,
          marketId: input.marketId ?? null,
          segment: input.segment ?? null,
          edition: input.edition ?? null,
          lifecycleStage: input.lifecycleStage ?? 'onboarding',
          ownerUserId: input.ownerUserId === undefined && actor.ownAccountsOnly ? actor.userId : (input.ownerUserId ?? null),
          tags: [...new Set(input.tags ?? [])],
          employees: input.employees ?? null,
          website: input.website ?? null,
          notes: input.notes ?? null,
          custom,
          createdAt: now,
          updatedAt: now,
        });
        const created = await findAccountById(tx, actor.orgId, id);
        if (!created) throw new AppError('INTERNAL', 'Account was not created');
        const dto = toAccountDto(created);
        await recordAudit(tx, clock, actor, { entityType: 'account', entityId: id, action: 'created', after: dto });
        await events.publish(tx, actor.orgId, 'account.created', { accountId: id });
        return dto;
      });
    },

    async update(actor: Actor, id: string, input: TUpdateAccount) {
      requirePermission(actor, 'account:write');
      return db.transaction(async (tx) => {
        await lockAccount(tx, actor.orgId, id);
        const before = await getInScope(tx, actor, id);
        if (input.expectedVersion !== undefined && input.expectedVersion !== before.version) {
          throw conflict('expectedVersion', m.account_changed, { version: before.version });
        }
        if (actor.ownAccountsOnly && input.ownerUserId !== undefined && input.ownerUserId !== actor.userId) {
          throw invalid('ownerUserId', m.assign_to_self_only);
        }
        const { expectedVersion: _v, custom: customInput, ...fields } = input;
        let custom = before.custom;
        if (customInput) {
          const defs = await loadCustomFields(tx, actor.orgId, 'account');
          custom = { ...before.custom, ...requireValidCustomValues(defs, customInput, false) };
        }
        await checkReferences(tx, actor.orgId, fields);
        await checkUnique(tx, actor.orgId, fields, id);
        await updateAccount(tx, actor.orgId, id, {
          ...fields,
          ...(fields.externalId === '' ? { externalId: null } : {}),
          ...(fields.tags ? { tags: [...new Set(fields.tags)] } : {}),
          custom,
          version: before.version + 1,
          updatedAt: clock.now(),
        });
        const after = await findAccountById(tx, actor.orgId, id);
        if (!after) throw notFound('Account');
        const beforeDto = toAccountDto(before);
        const afterDto = toAccountDto(after);
        const changes = diff(beforeDto, afterDto);
        await recordAudit(tx, clock, actor, { entityType: 'account', entityId: id, action: 'updated', ...changes });
        const changed = Object.keys(changes.after);
        if (changed.length) await events.publish(tx, actor.orgId, 'account.updated', { accountId: id, changed });
        return afterDto;
      });
    },

    async setArchived(actor: Actor, id: string, archived: boolean) {
      requirePermission(actor, 'account:archive');
      return db.transaction(async (tx) => {
        const before = await getInScope(tx, actor, id);
        if (!!before.archivedAt === archived) return toAccountDto(before);
        await updateAccount(tx, actor.orgId, id, {
          archivedAt: archived ? clock.now() : null,
          version: before.version + 1,
          updatedAt: clock.now(),
        });
        const after = await findAccountById(tx, actor.orgId, id);
        if (!after) throw notFound('Account');
        await recordAudit(tx, clock, actor, {
          entityType: 'account',
          entityId: id,
          action: archived ? 'archived' : 'unarchived',
          before: { archivedAt: before.archivedAt },
          after: { archivedAt: after.archivedAt },
        });
        await events.publish(tx, actor.orgId, archived ? 'account.archived' : 'account.unarchived', { accountId: id });
        return toAccountDto(after);
      });
    },

    /**
     * Sets one field of these accounts in the caller's transaction, for a cause that is not a person (a playbook):
     * audited as the system, announced as a bulk update so the copies of account fields follow.
     */
    async setFieldForCause(tx: Db, orgId: string, accountIds: readonly string[], field: string, value: string, cause: string) {
      const changed = await setFieldOnAccounts(tx, orgId, accountIds, field, value, clock.now());
      for (const id of changed.slice(0, 1000)) {
        // The system acts: the audit entry names the organisation itself (recordAudit reads `orgId` when there is no actor).
        const entry = { orgId, entityType: 'account', entityId: id, action: 'updated', after: { [field]: value, cause } };
        await recordAudit(tx, clock, null, entry);
      }
      if (changed.length) await events.publish(tx, orgId, 'accounts.bulk_updated', { accountIds: changed });
      return changed.length;
    },

    /**
     * Says, in the bulk write's transaction, which accounts an import chunk or its undo changed
     * (`accounts.bulk_updated`), so the modules that keep copies of account fields follow.
     */
    async announceBulkUpdate(tx: Db, orgId: string, accountIds: readonly string[]) {
      if (accountIds.length) await events.publish(tx, orgId, 'accounts.bulk_updated', { accountIds: [...accountIds] });
    },
  };
}

/** Keep only the fields that changed, so the audit log reads as "from → to". */
function diff(before: TAccount, after: TAccount) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  const skip = new Set(['version', 'updatedAt', 'marketCode', 'marketName', 'ownerName']);
  for (const key of Object.keys(after) as (keyof TAccount)[]) {
    if (skip.has(key)) continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}
