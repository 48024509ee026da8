import { type Actor, accountOwnerScope, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { AccountService } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { buildCompetition } from './competitors.comparison.ts';
import { competitorsMessages as m } from './competitors.messages.ts';
import {
  competitorNames,
  competitorPlanRows,
  competitorPriceRows,
  countLinks,
  deleteCompetitor,
  deleteCompetitorPlan,
  deleteLink,
  findCompetitorById,
  findCompetitorIdByName,
  findLinkId,
  insertCompetitor,
  insertCompetitorPlan,
  insertLink,
  linkRows,
  listCompetitorRows,
  ourPriceRows,
  planExists,
  replaceCompetitorPrices,
  type TLinkRow,
  updateCompetitor,
  updateCompetitorPlan,
  updateLink,
} from './competitors.repository.ts';
import type {
  TAccountCompetitor,
  TCompetitionQuery,
  TCompetitor,
  TCompetitorPlan,
  TCreateAccountCompetitor,
  TCreateCompetitor,
  TCreateCompetitorPlan,
  TUpdateAccountCompetitor,
  TUpdateCompetitor,
  TUpdateCompetitorPlan,
} from './competitors.schemas.ts';

type TCompetitorRow = NonNullable<Awaited<ReturnType<typeof findCompetitorById>>>;

export function toCompetitorDto(r: TCompetitorRow): TCompetitor {
  return {
    id: r.id,
    name: r.name,
    website: r.website,
    notes: r.notes,
    planCount: r.planCount,
    accountCount: r.accountCount,
    archivedAt: r.archivedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function toLinkDto(r: TLinkRow): TAccountCompetitor {
  return {
    id: r.id,
    accountId: r.accountId,
    accountName: r.accountName,
    competitorId: r.competitorId,
    competitorName: r.competitorName,
    status: r.status as TAccountCompetitor['status'],
    since: r.since,
    note: r.note,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

function checkPrices(prices: { currency: string; intervalMonths: number }[] = []) {
  const seen = new Set<string>();
  prices.forEach((p, i) => {
    const k = `${p.currency}/${p.intervalMonths}`;
    if (seen.has(k)) throw invalid(`prices.${i}.intervalMonths`, m.competitor_duplicate_price);
    seen.add(k);
  });
}

export type CompetitorService = ReturnType<typeof createCompetitorService>;

/** Competitors, their plans and prices against ours, and which accounts use or evaluate them. */
export function createCompetitorService(deps: { db: Db; clock: Clock; accounts: AccountService }) {
  const { db, clock } = deps;

  async function getCompetitor(tx: Db, orgId: string, id: string) {
    const row = await findCompetitorById(tx, orgId, id);
    if (!row) throw notFound('Competitor');
    return row;
  }
  async function checkName(tx: Db, orgId: string, name: string | undefined, exceptId?: string) {
    if (!name) return;
    const id = await findCompetitorIdByName(tx, orgId, name);
    if (id && id !== exceptId) throw conflict('name', m.competitor_name_taken);
  }
  async function plansWithPrices(tx: Db, orgId: string, where: { competitorId?: string; id?: string }): Promise<TCompetitorPlan[]> {
    const rows = await competitorPlanRows(tx, orgId, where);
    const prices = await competitorPriceRows(
      tx,
      orgId,
      rows.map((r) => r.id),
    );
    const ours = await ourPriceRows(tx, orgId, [...new Set(rows.flatMap((r) => (r.comparablePlanId ? [r.comparablePlanId] : [])))]);
    return rows.map((r) => ({
      id: r.id,
      competitorId: r.competitorId,
      name: r.name,
      comparablePlanId: r.comparablePlanId,
      comparablePlanName: r.comparablePlanName,
      comparablePlanCode: r.comparablePlanCode,
      notes: r.notes,
      sortOrder: r.sortOrder,
      prices: prices
        .filter((p) => p.competitorPlanId === r.id)
        .map((p) => ({
          currency: p.currency,
          intervalMonths: p.intervalMonths,
          amount: p.amount,
          ourAmount:
            ours.find((o) => o.planId === r.comparablePlanId && o.currency === p.currency && o.intervalMonths === p.intervalMonths)
              ?.amount ?? null,
        })),
    }));
  }
  async function getPlan(tx: Db, orgId: string, id: string) {
    const [plan] = await plansWithPrices(tx, orgId, { id });
    if (!plan) throw notFound('Competitor plan');
    return plan;
  }
  async function checkComparable(tx: Db, orgId: string, planId: string | null | undefined) {
    if (planId && !(await planExists(tx, orgId, planId))) throw invalid('comparablePlanId', m.competitor_unknown_plan);
  }
  /** A link, on an account the actor may see. */
  async function getLink(tx: Db, actor: Actor, id: string) {
    const [row] = await linkRows(tx, actor.orgId, { id });
    if (!row) throw notFound('Account competitor');
    await deps.accounts.requireVisible(actor, row.accountId, tx);
    return row;
  }
  async function checkLinkCompetitor(tx: Db, orgId: string, competitorId: string | undefined) {
    if (competitorId && !(await findCompetitorById(tx, orgId, competitorId))) throw invalid('competitorId', m.competitor_unknown);
  }

  return {
    async list(actor: Actor, status: 'active' | 'archived' | 'all') {
      requirePermission(actor, 'competitor:read');
      return { items: (await listCompetitorRows(db, actor.orgId, status)).map(toCompetitorDto) };
    },

    async get(actor: Actor, id: string) {
      requirePermission(actor, 'competitor:read');
      const row = await getCompetitor(db, actor.orgId, id);
      return { ...toCompetitorDto(row), plans: await plansWithPrices(db, actor.orgId, { competitorId: id }) };
    },

    async create(actor: Actor, input: TCreateCompetitor) {
      requirePermission(actor, 'competitor:write');
      return db.transaction(async (tx) => {
        await checkName(tx, actor.orgId, input.name);
        const now = clock.now();
        const id = newId();
        await insertCompetitor(tx, {
          orgId: actor.orgId,
          id,
          name: input.name,
          website: input.website ?? null,
          notes: input.notes || null,
          createdAt: now,
          updatedAt: now,
        });
        const dto = toCompetitorDto(await getCompetitor(tx, actor.orgId, id));
        await recordAudit(tx, clock, actor, { entityType: 'competitor', entityId: id, action: 'created', after: dto });
        return dto;
      });
    },

    async update(actor: Actor, id: string, input: TUpdateCompetitor) {
      requirePermission(actor, 'competitor:write');
      return db.transaction(async (tx) => {
        const before = toCompetitorDto(await getCompetitor(tx, actor.orgId, id));
        await checkName(tx, actor.orgId, input.name, id);
        const { archived, ...fields } = input;
        const now = clock.now();
        await updateCompetitor(tx, actor.orgId, id, {
          ...fields,
          ...(fields.notes === '' ? { notes: null } : {}),
          ...(archived === undefined ? {} : { archivedAt: archived ? (before.archivedAt ? new Date(before.archivedAt) : now) : null }),
          updatedAt: now,
        });
        const after = toCompetitorDto(await getCompetitor(tx, actor.orgId, id));
        await recordAudit(tx, clock, actor, { entityType: 'competitor', entityId: id, action: 'updated', before, after });
        return after;
      });
    },

    /** Deletes a competitor no account is linked to; otherwise archives it, so accounts and reports keep its name. */
    async remove(actor: Actor, id: string) {
      requirePermission(actor, 'competitor:write');
      return db.transaction(async (tx) => {
        const before = toCompetitorDto(await getCompetitor(tx, actor.orgId, id));
        const linked = (await countLinks(tx, actor.orgId, id)) > 0;
        if (linked) await updateCompetitor(tx, actor.orgId, id, { archivedAt: clock.now(), updatedAt: clock.now() });
        else await deleteCompetitor(tx, actor.orgId, id);
        const action = linked ? 'archived' : 'deleted';
        await recordAudit(tx, clock, actor, { entityType: 'competitor', entityId: id, action, before });
        return { outcome: action } as const;
      });
    },

    async createPlan(actor: Actor, competitorId: string, input: TCreateCompetitorPlan) {
      requirePermission(actor, 'competitor:write');
      checkPrices(input.prices);
      return db.transaction(async (tx) => {
        await getCompetitor(tx, actor.orgId, competitorId);
        await checkComparable(tx, actor.orgId, input.comparablePlanId);
        const now = clock.now();
        const id = newId();
        await insertCompetitorPlan(tx, {
          orgId: actor.orgId,
          id,
          competitorId,
          name: input.name,
          comparablePlanId: input.comparablePlanId ?? null,
          notes: input.notes || null,
          sortOrder: input.sortOrder ?? 0,
          createdAt: now,
          updatedAt: now,
        });
        await replaceCompetitorPrices(tx, actor.orgId, id, input.prices ?? []);
        const dto = await getPlan(tx, actor.orgId, id);
        await recordAudit(tx, clock, actor, { entityType: 'competitor_plan', entityId: id, action: 'created', after: dto });
        return dto;
      });
    },

    async updatePlan(actor: Actor, id: string, input: TUpdateCompetitorPlan) {
      requirePermission(actor, 'competitor:write');
      checkPrices(input.prices);
      return db.transaction(async (tx) => {
        const before = await getPlan(tx, actor.orgId, id);
        await checkComparable(tx, actor.orgId, input.comparablePlanId);
        const { prices, ...fields } = input;
        await updateCompetitorPlan(tx, actor.orgId, id, {
          ...fields,
          ...(fields.notes === '' ? { notes: null } : {}),
          updatedAt: clock.now(),
        });
        if (prices) await replaceCompetitorPrices(tx, actor.orgId, id, prices);
        const after = await getPlan(tx, actor.orgId, id);
        await recordAudit(tx, clock, actor, { entityType: 'competitor_plan', entityId: id, action: 'updated', before, after });
        return after;
      });
    },

    async removePlan(actor: Actor, id: string) {
      requirePermission(actor, 'competitor:write');
      await db.transaction(async (tx) => {
        const before = await getPlan(tx, actor.orgId, id);
        await deleteCompetitorPlan(tx, actor.orgId, id);
        await recordAudit(tx, clock, actor, { entityType: 'competitor_plan', entityId: id, action: 'deleted', before });
      });
    },

    /** Our plans against each competitor's comparable plan, in one currency and interval. */
    async comparison(actor: Actor, q: TCompetitionQuery) {
      requirePermission(actor, 'competitor:read');
      const theirs = await competitorPlanRows(db, actor.orgId, { all: true });
      const mapped = theirs.filter((r) => r.comparablePlanId);
      const [prices, ours] = await Promise.all([
        competitorPriceRows(
          db,
          actor.orgId,
          mapped.map((r) => r.id),
        ),
        ourPriceRows(db, actor.orgId, [...new Set(mapped.map((r) => r.comparablePlanId as string))]),
      ]);
      return buildCompetition(q.currency, q.interval, mapped, prices, ours);
    },

    /** The accounts linked to a competitor (a user limited to their own accounts sees only those). */
    async accountsOf(actor: Actor, competitorId: string, statuses?: string[]) {
      requirePermission(actor, 'competitor:read');
      await getCompetitor(db, actor.orgId, competitorId);
      const rows = await linkRows(db, actor.orgId, { competitorId, statuses, ownerUserId: accountOwnerScope(actor) });
      return { items: rows.map(toLinkDto) };
    },

    async listOfAccount(actor: Actor, accountId: string) {
      requirePermission(actor, 'competitor:read');
      await deps.accounts.requireVisible(actor, accountId);
      return { items: (await linkRows(db, actor.orgId, { accountId })).map(toLinkDto) };
    },

    async link(actor: Actor, accountId: string, input: TCreateAccountCompetitor) {
      requirePermission(actor, 'account_competitor:write');
      return db.transaction(async (tx) => {
        const account = await deps.accounts.requireVisible(actor, accountId, tx);
        if (account.archivedAt) throw invalid('accountId', m.competitor_account_archived);
        await checkLinkCompetitor(tx, actor.orgId, input.competitorId);
        if (await findLinkId(tx, actor.orgId, accountId, input.competitorId)) throw conflict('competitorId', m.competitor_already_linked);
        const now = clock.now();
        const id = newId();
        await insertLink(tx, {
          orgId: actor.orgId,
          id,
          accountId,
          competitorId: input.competitorId,
          status: input.status,
          since: input.since ?? null,
          note: input.note || null,
          createdByUserId: actor.userId,
          createdAt: now,
          updatedAt: now,
        });
        const dto = toLinkDto(await getLink(tx, actor, id));
        await recordAudit(tx, clock, actor, { entityType: 'account_competitor', entityId: id, action: 'created', after: dto });
        return dto;
      });
    },

    async updateLink(actor: Actor, id: string, input: TUpdateAccountCompetitor) {
      requirePermission(actor, 'account_competitor:write');
      return db.transaction(async (tx) => {
        const before = toLinkDto(await getLink(tx, actor, id));
        await checkLinkCompetitor(tx, actor.orgId, input.competitorId);
        if (input.competitorId && input.competitorId !== before.competitorId) {
          if (await findLinkId(tx, actor.orgId, before.accountId, input.competitorId))
            throw conflict('competitorId', m.competitor_already_linked);
        }
        await updateLink(tx, actor.orgId, id, { ...input, ...(input.note === '' ? { note: null } : {}), updatedAt: clock.now() });
        const after = toLinkDto(await getLink(tx, actor, id));
        await recordAudit(tx, clock, actor, { entityType: 'account_competitor', entityId: id, action: 'updated', before, after });
        return after;
      });
    },

    async unlink(actor: Actor, id: string) {
      requirePermission(actor, 'account_competitor:write');
      await db.transaction(async (tx) => {
        const before = toLinkDto(await getLink(tx, actor, id));
        await deleteLink(tx, actor.orgId, id);
        await recordAudit(tx, clock, actor, { entityType: 'account_competitor', entityId: id, action: 'deleted', before });
      });
    },

    /** For other modules' services (no permission check): competitors by id, e.g. "lost to competitor X". */
    async lookup(orgId: string, ids: string[], tx: Db = db): Promise<Map<string, { id: string; name: string }>> {
      const rows = await competitorNames(tx, orgId, [...new Set(ids)]);
      return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name }]));
    },
  };
}
