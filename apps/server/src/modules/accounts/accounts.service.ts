import { and, eq } from 'drizzle-orm';
import { type Actor, accountOwnerScope, requireAccountInScope, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { loadCustomFields, requireValidCustomValues } from '../custom-fields/index.ts';
import { users } from '../identity/identity.table.ts';
import { markets } from '../organisations/markets.table.ts';
import { accountListWhere, findAccountById, iterateAccounts, listAccounts, type TAccountRow } from './accounts.repository.ts';
import type { TAccount, TAccountListQuery, TCreateAccount, TUpdateAccount } from './accounts.schemas.ts';
import { accounts } from './accounts.table.ts';

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

export function createAccountService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  /** Market and owner must belong to the actor's organisation; the composite foreign keys are the second wall. */
  async function checkReferences(tx: Db, orgId: string, input: { marketId?: string | null; ownerUserId?: string | null }) {
    if (input.marketId) {
      const [m] = await tx
        .select({ id: markets.id })
        .from(markets)
        .where(and(eq(markets.orgId, orgId), eq(markets.id, input.marketId)));
      if (!m) throw invalid('marketId', 'no such market in this organisation');
    }
    if (input.ownerUserId) {
      const [u] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.orgId, orgId), eq(users.id, input.ownerUserId)));
      if (!u) throw invalid('ownerUserId', 'no such user in this organisation');
    }
  }

  async function checkUnique(tx: Db, orgId: string, input: { externalId?: string | null; domain?: string | null }, exceptId?: string) {
    const clash = async (column: 'externalId' | 'domain', value: string) => {
      const col = column === 'externalId' ? accounts.externalId : accounts.domain;
      const [row] = await tx
        .select({ id: accounts.id })
        .from(accounts)
        .where(and(eq(accounts.orgId, orgId), eq(col, value)));
      return row && row.id !== exceptId;
    };
    if (input.externalId && (await clash('externalId', input.externalId)))
      throw conflict('externalId', 'another account has this external id');
    if (input.domain && (await clash('domain', input.domain))) throw conflict('domain', 'another account has this domain');
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

    async create(actor: Actor, input: TCreateAccount) {
      requirePermission(actor, 'account:write');
      if (actor.ownAccountsOnly && input.ownerUserId && input.ownerUserId !== actor.userId) {
        throw invalid('ownerUserId', 'you can only create accounts you own');
      }
      return db.transaction(async (tx) => {
        const defs = await loadCustomFields(tx, actor.orgId, 'account');
        const custom = requireValidCustomValues(defs, input.custom, true);
        await checkReferences(tx, actor.orgId, input);
        await checkUnique(tx, actor.orgId, input);
        const now = clock.now();
        const id = newId();
        await tx.insert(accounts).values({
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
        return dto;
      });
    },

    async update(actor: Actor, id: string, input: TUpdateAccount) {
      requirePermission(actor, 'account:write');
      return db.transaction(async (tx) => {
        await tx
          .select({ id: accounts.id })
          .from(accounts)
          .where(and(eq(accounts.orgId, actor.orgId), eq(accounts.id, id)))
          .for('update');
        const before = await getInScope(tx, actor, id);
        if (input.expectedVersion !== undefined && input.expectedVersion !== before.version) {
          throw conflict(
            'expectedVersion',
            `the account was changed by someone else (now version ${before.version}); reload and try again`,
          );
        }
        if (actor.ownAccountsOnly && input.ownerUserId !== undefined && input.ownerUserId !== actor.userId) {
          throw invalid('ownerUserId', 'you can only assign accounts to yourself');
        }
        const { expectedVersion: _v, custom: customInput, ...fields } = input;
        let custom = before.custom;
        if (customInput) {
          const defs = await loadCustomFields(tx, actor.orgId, 'account');
          custom = { ...before.custom, ...requireValidCustomValues(defs, customInput, false) };
        }
        await checkReferences(tx, actor.orgId, fields);
        await checkUnique(tx, actor.orgId, fields, id);
        await tx
          .update(accounts)
          .set({
            ...fields,
            ...(fields.externalId === '' ? { externalId: null } : {}),
            ...(fields.tags ? { tags: [...new Set(fields.tags)] } : {}),
            custom,
            version: before.version + 1,
            updatedAt: clock.now(),
          })
          .where(and(eq(accounts.orgId, actor.orgId), eq(accounts.id, id)));
        const after = await findAccountById(tx, actor.orgId, id);
        if (!after) throw notFound('Account');
        const beforeDto = toAccountDto(before);
        const afterDto = toAccountDto(after);
        await recordAudit(tx, clock, actor, { entityType: 'account', entityId: id, action: 'updated', ...diff(beforeDto, afterDto) });
        return afterDto;
      });
    },

    async setArchived(actor: Actor, id: string, archived: boolean) {
      requirePermission(actor, 'account:archive');
      return db.transaction(async (tx) => {
        const before = await getInScope(tx, actor, id);
        if (!!before.archivedAt === archived) return toAccountDto(before);
        await tx
          .update(accounts)
          .set({ archivedAt: archived ? clock.now() : null, version: before.version + 1, updatedAt: clock.now() })
          .where(and(eq(accounts.orgId, actor.orgId), eq(accounts.id, id)));
        const after = await findAccountById(tx, actor.orgId, id);
        if (!after) throw notFound('Account');
        await recordAudit(tx, clock, actor, {
          entityType: 'account',
          entityId: id,
          action: archived ? 'archived' : 'unarchived',
          before: { archivedAt: before.archivedAt },
          after: { archivedAt: after.archivedAt },
        });
        return toAccountDto(after);
      });
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
