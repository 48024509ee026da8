import { type Actor, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { deleteUnlessReferenced, existingFeatureIds, findProductById, listFeatureRows } from './catalogue.repository.ts';
import { createCatalogueService, toFeatureDto } from './catalogue.service.ts';
import { buildComparison } from './plans.comparison.ts';
import { plansMessages as m } from './plans.messages.ts';
import {
  allPlanRows,
  deletePlan,
  featuresOfPlans,
  findListPrice,
  findPlanRowByCode,
  findPlanRowById,
  findPlanRowsByIds,
  insertPlan,
  listPlanRows,
  planListWhere,
  pricesOfPlans,
  replacePlanFeatures,
  replacePrices,
  type TPlanRow,
  updatePlan,
} from './plans.repository.ts';
import type {
  TComparisonQuery,
  TCreatePlan,
  TPlan,
  TPlanDetail,
  TPlanFeatureInput,
  TPlanInfo,
  TPlanListQuery,
  TPlanPrice,
  TUpdatePlan,
} from './plans.schemas.ts';

type TPrices = Awaited<ReturnType<typeof pricesOfPlans>>;

export function toPlanDto(r: TPlanRow, prices: TPrices): TPlan {
  return {
    id: r.id,
    productId: r.productId,
    productName: r.productName,
    productKind: r.productKind as TPlan['productKind'],
    code: r.code,
    name: r.name,
    description: r.description,
    tier: r.tier,
    isFree: r.isFree,
    trialDays: r.trialDays,
    edition: r.edition as TPlan['edition'],
    includedUnits: r.includedUnits,
    maxUnits: r.maxUnits,
    prices: prices.filter((p) => p.planId === r.id).map(({ currency, intervalMonths, amount }) => ({ currency, intervalMonths, amount })),
    featureCount: r.featureCount,
    archivedAt: r.archivedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const toPlanInfo = (r: TPlanRow): TPlanInfo => ({
  id: r.id,
  code: r.code,
  name: r.name,
  productId: r.productId,
  productName: r.productName,
  productKind: r.productKind as TPlanInfo['productKind'],
  tier: r.tier,
  isFree: r.isFree,
  trialDays: r.trialDays,
  edition: r.edition,
  includedUnits: r.includedUnits,
  maxUnits: r.maxUnits,
  archived: r.archivedAt !== null,
});

export type PlanService = ReturnType<typeof createPlanService>;

/** The catalogue: products, features and plans with their prices and feature lists; and the lookups other modules use. */
export function createPlanService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  async function getRow(tx: Db, orgId: string, id: string) {
    const row = await findPlanRowById(tx, orgId, id);
    if (!row) throw notFound('Plan');
    return row;
  }

  async function detail(tx: Db, orgId: string, id: string): Promise<TPlanDetail> {
    const row = await getRow(tx, orgId, id);
    const [prices, feats] = await Promise.all([pricesOfPlans(tx, orgId, [id]), featuresOfPlans(tx, orgId, [id])]);
    return { ...toPlanDto(row, prices), features: feats.map(({ planId: _p, ...f }) => f) };
  }

  async function checkProduct(tx: Db, orgId: string, productId: string | undefined) {
    if (!productId) return;
    const product = await findProductById(tx, orgId, productId);
    if (!product) throw invalid('productId', m.plan_unknown_product);
    if (product.archivedAt) throw invalid('productId', m.plan_product_archived);
  }

  async function checkCode(tx: Db, orgId: string, code: string | undefined, exceptId?: string) {
    if (!code) return;
    const clash = await findPlanRowByCode(tx, orgId, code);
    if (clash && clash.id !== exceptId) throw conflict('code', m.plan_code_taken);
  }

  function checkPrices(prices: TPlanPrice[]) {
    const seen = new Set<string>();
    prices.forEach((p, i) => {
      const k = `${p.currency}/${p.intervalMonths}`;
      if (seen.has(k)) throw invalid(`prices.${i}.intervalMonths`, m.plan_duplicate_price);
      seen.add(k);
    });
  }

  /** A limit below what one unit already includes could never be kept. */
  function checkUnits(included: number | null, max: number | null) {
    if (included !== null && max !== null && max < included) throw invalid('maxUnits', m.plan_max_units_below_included);
  }

  async function checkFeatures(tx: Db, orgId: string, items: TPlanFeatureInput[]) {
    const ids = items.map((f) => f.featureId);
    const known = await existingFeatureIds(tx, orgId, ids);
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (!known.has(id)) throw invalid(`features.${i}.featureId`, m.plan_unknown_feature);
      if (seen.has(id)) throw invalid(`features.${i}.featureId`, m.plan_duplicate_feature);
      seen.add(id);
    });
  }

  async function audited<T>(tx: Db, actor: Actor, id: string, action: string, change: () => Promise<T>) {
    const before = await detail(tx, actor.orgId, id);
    const result = await change();
    const after = await detail(tx, actor.orgId, id);
    await recordAudit(tx, clock, actor, { entityType: 'plan', entityId: id, action, before, after });
    return { result, after };
  }

  return {
    ...createCatalogueService(deps),

    async list(actor: Actor, q: TPlanListQuery) {
      requirePermission(actor, 'plan:read');
      const { rows, total } = await listPlanRows(db, planListWhere(actor.orgId, q), q);
      const prices = await pricesOfPlans(
        db,
        actor.orgId,
        rows.map((r) => r.id),
      );
      return { items: rows.map((r) => toPlanDto(r, prices)), total, page: q.page, pageSize: q.pageSize };
    },

    /** Every matching plan with its prices, for the CSV export. */
    async listAll(actor: Actor, q: Partial<TPlanListQuery>) {
      requirePermission(actor, 'plan:read');
      requirePermission(actor, 'export:run');
      const rows = await allPlanRows(db, planListWhere(actor.orgId, q));
      const prices = await pricesOfPlans(
        db,
        actor.orgId,
        rows.map((r) => r.id),
      );
      return rows.map((r) => toPlanDto(r, prices));
    },

    async get(actor: Actor, id: string) {
      requirePermission(actor, 'plan:read');
      return detail(db, actor.orgId, id);
    },

    async create(actor: Actor, input: TCreatePlan) {
      requirePermission(actor, 'plan:write');
      return db.transaction(async (tx) => {
        await checkProduct(tx, actor.orgId, input.productId);
        await checkCode(tx, actor.orgId, input.code);
        checkPrices(input.prices ?? []);
        checkUnits(input.includedUnits ?? null, input.maxUnits ?? null);
        await checkFeatures(tx, actor.orgId, input.features ?? []);
        const now = clock.now();
        const id = newId();
        await insertPlan(tx, {
          orgId: actor.orgId,
          id,
          productId: input.productId,
          code: input.code,
          name: input.name,
          description: input.description || null,
          tier: input.tier ?? 0,
          isFree: input.isFree ?? false,
          trialDays: input.trialDays ?? 0,
          edition: input.edition ?? null,
          includedUnits: input.includedUnits ?? null,
          maxUnits: input.maxUnits ?? null,
          createdAt: now,
          updatedAt: now,
        });
        await replacePrices(tx, actor.orgId, id, input.prices ?? []);
        await replacePlanFeatures(tx, actor.orgId, id, input.features ?? []);
        const dto = await detail(tx, actor.orgId, id);
        await recordAudit(tx, clock, actor, { entityType: 'plan', entityId: id, action: 'created', after: dto });
        return dto;
      });
    },

    /** POST /products/:id/plans: a product of another organisation is not found (404), like every path id. */
    async createInProduct(actor: Actor, productId: string, input: Omit<TCreatePlan, 'productId'>) {
      requirePermission(actor, 'plan:write');
      if (!(await findProductById(db, actor.orgId, productId))) throw notFound('Product');
      return this.create(actor, { ...input, productId });
    },

    async update(actor: Actor, id: string, input: TUpdatePlan) {
      requirePermission(actor, 'plan:write');
      return db.transaction(async (tx) => {
        const row = await getRow(tx, actor.orgId, id);
        if (input.productId !== row.productId) await checkProduct(tx, actor.orgId, input.productId);
        await checkCode(tx, actor.orgId, input.code, id);
        checkUnits(
          input.includedUnits === undefined ? row.includedUnits : input.includedUnits,
          input.maxUnits === undefined ? row.maxUnits : input.maxUnits,
        );
        const { archived, ...fields } = input;
        const now = clock.now();
        const { after } = await audited(tx, actor, id, 'updated', () =>
          updatePlan(tx, actor.orgId, id, {
            ...fields,
            ...(fields.description === '' ? { description: null } : {}),
            ...(archived === undefined ? {} : { archivedAt: archived ? (row.archivedAt ?? now) : null }),
            updatedAt: now,
          }),
        );
        return after;
      });
    },

    async setPrices(actor: Actor, id: string, prices: TPlanPrice[]) {
      requirePermission(actor, 'plan:write');
      checkPrices(prices);
      return db.transaction(async (tx) => {
        await getRow(tx, actor.orgId, id);
        const { after } = await audited(tx, actor, id, 'prices_changed', async () => {
          await replacePrices(tx, actor.orgId, id, prices);
          await updatePlan(tx, actor.orgId, id, { updatedAt: clock.now() });
        });
        return after;
      });
    },

    async setFeatures(actor: Actor, id: string, items: TPlanFeatureInput[]) {
      requirePermission(actor, 'plan:write');
      return db.transaction(async (tx) => {
        await getRow(tx, actor.orgId, id);
        await checkFeatures(tx, actor.orgId, items);
        const { after } = await audited(tx, actor, id, 'features_changed', async () => {
          await replacePlanFeatures(tx, actor.orgId, id, items);
          await updatePlan(tx, actor.orgId, id, { updatedAt: clock.now() });
        });
        return after;
      });
    },

    /** Deletes the plan, or archives it when a subscription still refers to it (history must stay readable). */
    async remove(actor: Actor, id: string) {
      requirePermission(actor, 'plan:write');
      return db.transaction(async (tx) => {
        const before = await detail(tx, actor.orgId, id);
        const deleted = await deleteUnlessReferenced(tx, (sp) => deletePlan(sp, actor.orgId, id));
        if (!deleted) await updatePlan(tx, actor.orgId, id, { archivedAt: clock.now(), updatedAt: clock.now() });
        const action = deleted ? 'deleted' : 'archived';
        await recordAudit(tx, clock, actor, { entityType: 'plan', entityId: id, action, before });
        return { outcome: action } as const;
      });
    },

    /** Plans side by side: prices in one currency and interval, and the feature grid grouped by feature group. */
    async comparison(actor: Actor, q: TComparisonQuery) {
      requirePermission(actor, 'plan:read');
      const rows = q.planId?.length
        ? await findPlanRowsByIds(db, actor.orgId, q.planId)
        : await allPlanRows(
            db,
            planListWhere(actor.orgId, { status: 'active', productId: q.productId, kind: q.productId?.length ? undefined : ['edition'] }),
          );
      const ids = rows.map((r) => r.id);
      const [prices, cells, allFeatures] = await Promise.all([
        pricesOfPlans(db, actor.orgId, ids),
        featuresOfPlans(db, actor.orgId, ids),
        listFeatureRows(db, actor.orgId),
      ]);
      return buildComparison(q.currency, q.interval, rows, prices, cells, allFeatures.map(toFeatureDto));
    },

    // ── For other modules' services (no permission check: their own methods checked theirs) ──────────────
    async lookup(orgId: string, planIds: string[], tx: Db = db): Promise<Map<string, TPlanInfo>> {
      const rows = await findPlanRowsByIds(tx, orgId, [...new Set(planIds)]);
      return new Map(rows.map((r) => [r.id, toPlanInfo(r)]));
    },

    /** The whole catalogue, archived plans too, with list prices: for modules that walk the upgrade ladder. */
    async catalogue(orgId: string, tx: Db = db): Promise<(TPlanInfo & { prices: TPlanPrice[] })[]> {
      const rows = await allPlanRows(tx, planListWhere(orgId, { status: 'all' }));
      const prices = await pricesOfPlans(
        tx,
        orgId,
        rows.map((r) => r.id),
      );
      return rows.map((r) => ({ ...toPlanInfo(r), prices: toPlanDto(r, prices).prices }));
    },

    /** Case-insensitive, as codes are unique. */
    async findByCode(orgId: string, code: string, tx: Db = db): Promise<TPlanInfo | null> {
      const row = await findPlanRowByCode(tx, orgId, code.trim());
      return row ? toPlanInfo(row) : null;
    },

    /** The list price per unit and interval in major units, or null when the plan has no price for them. */
    async listPrice(orgId: string, planId: string, currency: string, intervalMonths: number, tx: Db = db): Promise<number | null> {
      return findListPrice(tx, orgId, planId, currency, intervalMonths);
    },
  };
}
