import { type Actor, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.ts';
import { MESSAGES } from '../../platform/http/validation-messages.ts';
import { newId } from '../../platform/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { hashPassword } from '../identity/index.ts';
import { organisationMessages as m } from './organisations.messages.ts';
import * as repo from './organisations.repository.ts';
import type {
  TCreateOrganisation,
  TMarket,
  TMarketInput,
  TOrganisation,
  TUpdateMarket,
  TUpdateOrganisation,
} from './organisations.schemas.ts';

export const toOrganisationDto = (o: repo.TOrganisationRow): TOrganisation => ({
  id: o.id,
  name: o.name,
  slug: o.slug,
  reportingCurrency: o.reportingCurrency,
  defaultLanguage: o.defaultLanguage,
});

export const toMarketDto = (row: repo.TMarketRow & { countryManagerName?: string | null }): TMarket => ({
  id: row.id,
  code: row.code,
  name: row.name,
  language: row.language,
  currency: row.currency,
  countryManagerUserId: row.countryManagerUserId,
  countryManagerName: row.countryManagerName ?? null,
});

/**
 * Creates an organisation with its first admin. Used by `customer365 create-admin`, the demo seed and tests
 * (each test makes its own organisation instead of truncating tables).
 */
export async function createOrganisationWithAdmin(db: Db, clock: Clock, input: TCreateOrganisation) {
  const passwordHash = await hashPassword(input.admin.password);
  return db.transaction(async (tx) => {
    const orgId = newId();
    const userId = newId();
    const now = clock.now();
    await repo.insertOrganisation(tx, {
      id: orgId,
      name: input.name,
      slug: input.slug,
      reportingCurrency: input.reportingCurrency ?? 'EUR',
      defaultLanguage: input.defaultLanguage ?? 'en',
      createdAt: now,
    });
    await repo.insertFirstUser(tx, orgId, {
      id: userId,
      email: input.admin.email,
      name: input.admin.name,
      role: input.admin.role ?? 'admin',
      passwordHash,
      createdAt: now,
    });
    return { orgId, userId };
  });
}

export function createOrganisationService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  async function checkManager(tx: Db, orgId: string, userId: string | null | undefined) {
    if (userId && !(await repo.isUserOfOrganisation(tx, orgId, userId))) throw invalid('countryManagerUserId', MESSAGES.unknown_user);
  }

  async function checkCodeFree(tx: Db, orgId: string, code: string) {
    if (await repo.findMarketByCode(tx, orgId, code)) throw conflict('code', m.market_code_taken);
  }

  async function marketDto(tx: Db, orgId: string, row: repo.TMarketRow) {
    return toMarketDto((await repo.findMarketWithManager(tx, orgId, row.id)) ?? row);
  }

  return {
    async get(actor: Actor): Promise<TOrganisation> {
      const org = await repo.findOrganisation(db, actor.orgId);
      if (!org) throw notFound('Organisation');
      return toOrganisationDto(org);
    },

    async update(actor: Actor, input: TUpdateOrganisation): Promise<TOrganisation> {
      requirePermission(actor, 'organisation:manage');
      return db.transaction(async (tx) => {
        const before = await repo.findOrganisation(tx, actor.orgId);
        if (!before) throw notFound('Organisation');
        // An empty PATCH changes nothing (and Drizzle refuses an empty SET): answer with the current state.
        if (Object.keys(input).length === 0) return toOrganisationDto(before);
        const after = await repo.updateOrganisation(tx, actor.orgId, input);
        if (!after) throw notFound('Organisation');
        await recordAudit(tx, clock, actor, { entityType: 'organisation', entityId: actor.orgId, action: 'updated', before, after });
        return toOrganisationDto(after);
      });
    },

    async listMarkets(actor: Actor): Promise<TMarket[]> {
      requirePermission(actor, 'market:read');
      return (await repo.listMarkets(db, actor.orgId)).map(toMarketDto);
    },

    async createMarket(actor: Actor, input: TMarketInput): Promise<TMarket> {
      requirePermission(actor, 'market:manage');
      return db.transaction(async (tx) => {
        await checkManager(tx, actor.orgId, input.countryManagerUserId);
        await checkCodeFree(tx, actor.orgId, input.code);
        const row = await repo.insertMarket(tx, actor.orgId, {
          ...input,
          countryManagerUserId: input.countryManagerUserId ?? null,
          id: newId(),
          createdAt: clock.now(),
        });
        if (!row) throw new AppError('INTERNAL', 'Market was not created');
        await recordAudit(tx, clock, actor, { entityType: 'market', entityId: row.id, action: 'created', after: toMarketDto(row) });
        return marketDto(tx, actor.orgId, row);
      });
    },

    async updateMarket(actor: Actor, id: string, input: TUpdateMarket): Promise<TMarket> {
      requirePermission(actor, 'market:manage');
      return db.transaction(async (tx) => {
        const before = await repo.findMarketById(tx, actor.orgId, id);
        if (!before) throw notFound('Market');
        await checkManager(tx, actor.orgId, input.countryManagerUserId);
        if (input.code && input.code !== before.code) await checkCodeFree(tx, actor.orgId, input.code);
        if (Object.keys(input).length === 0) return marketDto(tx, actor.orgId, before);
        const after = await repo.updateMarket(tx, actor.orgId, id, input);
        if (!after) throw notFound('Market');
        await recordAudit(tx, clock, actor, {
          entityType: 'market',
          entityId: id,
          action: 'updated',
          before: toMarketDto(before),
          after: toMarketDto(after),
        });
        return marketDto(tx, actor.orgId, after);
      });
    },
  };
}

export type OrganisationService = ReturnType<typeof createOrganisationService>;
