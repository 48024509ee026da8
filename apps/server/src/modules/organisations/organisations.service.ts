import { and, asc, eq } from 'drizzle-orm';
import { type Actor, requirePermission } from '../../platform/access/access.ts';
import type { TRole } from '../../platform/access/permissions.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { users } from '../identity/identity.table.ts';
import { hashPassword } from '../identity/passwords.ts';
import { markets } from './markets.table.ts';
import { organisations } from './organisations.table.ts';

type MarketRow = typeof markets.$inferSelect;
export const toMarketDto = (m: MarketRow & { countryManagerName?: string | null }) => ({
  id: m.id,
  code: m.code,
  name: m.name,
  language: m.language,
  currency: m.currency,
  countryManagerUserId: m.countryManagerUserId,
  countryManagerName: m.countryManagerName ?? null,
});

export interface TMarketInput {
  code: string;
  name: string;
  language: string;
  currency: string;
  countryManagerUserId?: string | null;
}

/**
 * Creates an organisation with its first admin. Used by `customer365 create-admin`, the demo seed and tests
 * (each test makes its own organisation instead of truncating tables).
 */
export async function createOrganisationWithAdmin(
  db: Db,
  clock: Clock,
  input: { name: string; slug: string; reportingCurrency?: string; admin: { email: string; name: string; password: string; role?: TRole } },
) {
  return db.transaction(async (tx) => {
    const orgId = newId();
    const userId = newId();
    const now = clock.now();
    await tx
      .insert(organisations)
      .values({ id: orgId, name: input.name, slug: input.slug, reportingCurrency: input.reportingCurrency ?? 'EUR', createdAt: now });
    await tx.insert(users).values({
      orgId,
      id: userId,
      email: input.admin.email,
      name: input.admin.name,
      role: input.admin.role ?? 'admin',
      passwordHash: await hashPassword(input.admin.password),
      createdAt: now,
    });
    return { orgId, userId };
  });
}

export function createOrganisationService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  async function checkManager(tx: Db, orgId: string, userId: string | null | undefined) {
    if (!userId) return;
    const [u] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.orgId, orgId), eq(users.id, userId)));
    if (!u) throw invalid('countryManagerUserId', 'no such user in this organisation');
  }

  async function listMarketRows(tx: Db, orgId: string) {
    const rows = await tx
      .select({ m: markets, countryManagerName: users.name })
      .from(markets)
      .leftJoin(users, and(eq(users.orgId, markets.orgId), eq(users.id, markets.countryManagerUserId)))
      .where(eq(markets.orgId, orgId))
      .orderBy(asc(markets.name));
    return rows.map((r) => toMarketDto({ ...r.m, countryManagerName: r.countryManagerName }));
  }

  return {
    async get(actor: Actor) {
      const [org] = await db.select().from(organisations).where(eq(organisations.id, actor.orgId));
      if (!org) throw notFound('Organisation');
      return { id: org.id, name: org.name, slug: org.slug, reportingCurrency: org.reportingCurrency, defaultLanguage: org.defaultLanguage };
    },

    async update(actor: Actor, input: { name?: string; reportingCurrency?: string; defaultLanguage?: string }) {
      requirePermission(actor, 'organisation:manage');
      return db.transaction(async (tx) => {
        const [before] = await tx.select().from(organisations).where(eq(organisations.id, actor.orgId));
        // An empty PATCH changes nothing (and Drizzle refuses an empty SET): answer with the current state.
        const changed = Object.keys(input).length > 0;
        const [after] = changed ? await tx.update(organisations).set(input).where(eq(organisations.id, actor.orgId)).returning() : [before];
        if (!before || !after) throw notFound('Organisation');
        if (changed)
          await recordAudit(tx, clock, actor, { entityType: 'organisation', entityId: actor.orgId, action: 'updated', before, after });
        return {
          id: after.id,
          name: after.name,
          slug: after.slug,
          reportingCurrency: after.reportingCurrency,
          defaultLanguage: after.defaultLanguage,
        };
      });
    },

    async listMarkets(actor: Actor) {
      requirePermission(actor, 'market:read');
      return listMarketRows(db, actor.orgId);
    },

    async createMarket(actor: Actor, input: TMarketInput) {
      requirePermission(actor, 'market:manage');
      return db.transaction(async (tx) => {
        await checkManager(tx, actor.orgId, input.countryManagerUserId);
        const [clash] = await tx
          .select({ id: markets.id })
          .from(markets)
          .where(and(eq(markets.orgId, actor.orgId), eq(markets.code, input.code)));
        if (clash) throw conflict('code', 'a market with this country code already exists');
        const [row] = await tx
          .insert(markets)
          .values({
            ...input,
            countryManagerUserId: input.countryManagerUserId ?? null,
            orgId: actor.orgId,
            id: newId(),
            createdAt: clock.now(),
          })
          .returning();
        if (!row) throw new AppError('INTERNAL', 'Market was not created');
        await recordAudit(tx, clock, actor, { entityType: 'market', entityId: row.id, action: 'created', after: toMarketDto(row) });
        return (await listMarketRows(tx, actor.orgId)).find((m) => m.id === row.id) ?? toMarketDto(row);
      });
    },

    async updateMarket(actor: Actor, id: string, input: Partial<TMarketInput>) {
      requirePermission(actor, 'market:manage');
      return db.transaction(async (tx) => {
        const [before] = await tx
          .select()
          .from(markets)
          .where(and(eq(markets.orgId, actor.orgId), eq(markets.id, id)));
        if (!before) throw notFound('Market');
        await checkManager(tx, actor.orgId, input.countryManagerUserId);
        if (input.code && input.code !== before.code) {
          const [clash] = await tx
            .select({ id: markets.id })
            .from(markets)
            .where(and(eq(markets.orgId, actor.orgId), eq(markets.code, input.code)));
          if (clash) throw conflict('code', 'a market with this country code already exists');
        }
        const changed = Object.keys(input).length > 0;
        const [after] = changed
          ? await tx
              .update(markets)
              .set(input)
              .where(and(eq(markets.orgId, actor.orgId), eq(markets.id, id)))
              .returning()
          : [before];
        if (!after) throw notFound('Market');
        if (changed)
          await recordAudit(tx, clock, actor, {
            entityType: 'market',
            entityId: id,
            action: 'updated',
            before: toMarketDto(before),
            after: toMarketDto(after),
          });
        return (await listMarketRows(tx, actor.orgId)).find((m) => m.id === id) ?? toMarketDto(after);
      });
    },
  };
}
