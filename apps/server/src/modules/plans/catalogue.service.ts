import { type Actor, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { recordAudit } from '../audit/index.ts';
import {
  deleteFeature,
  deleteProduct,
  deleteUnlessReferenced,
  findFeatureById,
  findFeatureIdByKey,
  findProductById,
  findProductIdByName,
  insertFeature,
  insertProduct,
  listFeatureRows,
  listProductRows,
  type TFeatureRow,
  type TProductRow,
  updateFeature,
  updateProduct,
} from './catalogue.repository.ts';
import { plansMessages as m } from './plans.messages.ts';
import type { TCreateFeature, TCreateProduct, TFeature, TProduct, TUpdateFeature, TUpdateProduct } from './plans.schemas.ts';

export function toProductDto(r: TProductRow): TProduct {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as TProduct['kind'],
    description: r.description,
    sortOrder: r.sortOrder,
    planCount: r.planCount,
    archivedAt: r.archivedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function toFeatureDto(r: TFeatureRow): TFeature {
  return {
    id: r.id,
    key: r.key,
    name: r.name,
    groupName: r.groupName,
    description: r.description,
    sortOrder: r.sortOrder,
    planCount: r.planCount,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** Products (edition lines, add-ons, services) and the features plans list: the catalogue's reference data. */
export function createCatalogueService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  async function getProduct(tx: Db, orgId: string, id: string) {
    const row = await findProductById(tx, orgId, id);
    if (!row) throw notFound('Product');
    return row;
  }
  async function getFeature(tx: Db, orgId: string, id: string) {
    const row = await findFeatureById(tx, orgId, id);
    if (!row) throw notFound('Feature');
    return row;
  }
  async function checkProductName(tx: Db, orgId: string, name: string | undefined, exceptId?: string) {
    if (!name) return;
    const id = await findProductIdByName(tx, orgId, name);
    if (id && id !== exceptId) throw conflict('name', m.product_name_taken);
  }
  async function checkFeatureKey(tx: Db, orgId: string, key: string | undefined, exceptId?: string) {
    if (!key) return;
    const id = await findFeatureIdByKey(tx, orgId, key);
    if (id && id !== exceptId) throw conflict('key', m.feature_key_taken);
  }

  return {
    async listProducts(actor: Actor, status: 'active' | 'archived' | 'all') {
      requirePermission(actor, 'plan:read');
      return { items: (await listProductRows(db, actor.orgId, status)).map(toProductDto) };
    },

    async getProduct(actor: Actor, id: string) {
      requirePermission(actor, 'plan:read');
      return toProductDto(await getProduct(db, actor.orgId, id));
    },

    async createProduct(actor: Actor, input: TCreateProduct) {
      requirePermission(actor, 'plan:write');
      return db.transaction(async (tx) => {
        await checkProductName(tx, actor.orgId, input.name);
        const now = clock.now();
        const id = newId();
        await insertProduct(tx, {
          orgId: actor.orgId,
          id,
          name: input.name,
          kind: input.kind,
          description: input.description || null,
          sortOrder: input.sortOrder ?? 0,
          createdAt: now,
          updatedAt: now,
        });
        const dto = toProductDto(await getProduct(tx, actor.orgId, id));
        await recordAudit(tx, clock, actor, { entityType: 'product', entityId: id, action: 'created', after: dto });
        return dto;
      });
    },

    async updateProduct(actor: Actor, id: string, input: TUpdateProduct) {
      requirePermission(actor, 'plan:write');
      return db.transaction(async (tx) => {
        const before = toProductDto(await getProduct(tx, actor.orgId, id));
        await checkProductName(tx, actor.orgId, input.name, id);
        const { archived, ...fields } = input;
        const now = clock.now();
        await updateProduct(tx, actor.orgId, id, {
          ...fields,
          ...(fields.description === '' ? { description: null } : {}),
          ...(archived === undefined ? {} : { archivedAt: archived ? (before.archivedAt ? new Date(before.archivedAt) : now) : null }),
          updatedAt: now,
        });
        const after = toProductDto(await getProduct(tx, actor.orgId, id));
        await recordAudit(tx, clock, actor, { entityType: 'product', entityId: id, action: 'updated', before, after });
        return after;
      });
    },

    /** Deletes the product with its plans, or archives it when a plan of it is still subscribed to. */
    async removeProduct(actor: Actor, id: string) {
      requirePermission(actor, 'plan:write');
      return db.transaction(async (tx) => {
        const before = toProductDto(await getProduct(tx, actor.orgId, id));
        const deleted = await deleteUnlessReferenced(tx, (sp) => deleteProduct(sp, actor.orgId, id));
        if (!deleted) await updateProduct(tx, actor.orgId, id, { archivedAt: clock.now(), updatedAt: clock.now() });
        const action = deleted ? 'deleted' : 'archived';
        await recordAudit(tx, clock, actor, { entityType: 'product', entityId: id, action, before });
        return { outcome: action } as const;
      });
    },

    async listFeatures(actor: Actor) {
      requirePermission(actor, 'plan:read');
      return { items: (await listFeatureRows(db, actor.orgId)).map(toFeatureDto) };
    },

    async createFeature(actor: Actor, input: TCreateFeature) {
      requirePermission(actor, 'plan:write');
      return db.transaction(async (tx) => {
        await checkFeatureKey(tx, actor.orgId, input.key);
        const now = clock.now();
        const id = newId();
        await insertFeature(tx, {
          orgId: actor.orgId,
          id,
          key: input.key,
          name: input.name,
          groupName: input.groupName || null,
          description: input.description || null,
          sortOrder: input.sortOrder ?? 0,
          createdAt: now,
          updatedAt: now,
        });
        const dto = toFeatureDto(await getFeature(tx, actor.orgId, id));
        await recordAudit(tx, clock, actor, { entityType: 'feature', entityId: id, action: 'created', after: dto });
        return dto;
      });
    },

    async updateFeature(actor: Actor, id: string, input: TUpdateFeature) {
      requirePermission(actor, 'plan:write');
      return db.transaction(async (tx) => {
        const before = toFeatureDto(await getFeature(tx, actor.orgId, id));
        await checkFeatureKey(tx, actor.orgId, input.key, id);
        await updateFeature(tx, actor.orgId, id, {
          ...input,
          ...(input.groupName === '' ? { groupName: null } : {}),
          ...(input.description === '' ? { description: null } : {}),
          updatedAt: clock.now(),
        });
        const after = toFeatureDto(await getFeature(tx, actor.orgId, id));
        await recordAudit(tx, clock, actor, { entityType: 'feature', entityId: id, action: 'updated', before, after });
        return after;
      });
    },

    /** A feature is description, not history: deleting it takes it off every plan's list. */
    async removeFeature(actor: Actor, id: string) {
      requirePermission(actor, 'plan:write');
      await db.transaction(async (tx) => {
        const before = toFeatureDto(await getFeature(tx, actor.orgId, id));
        await deleteFeature(tx, actor.orgId, id);
        await recordAudit(tx, clock, actor, { entityType: 'feature', entityId: id, action: 'deleted', before });
      });
    },
  };
}
