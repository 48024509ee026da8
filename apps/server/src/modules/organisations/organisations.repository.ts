import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { acrossOrganisations } from '../../platform/db/tenancy.ts';
import { users } from '../identity/index.ts';
import { markets } from './markets.table.ts';
import { organisations } from './organisations.table.ts';

/** Queries only: no HTTP, no access checks. Takes a db or a transaction and the organisation explicitly. */

export type TOrganisationRow = typeof organisations.$inferSelect;
export type TMarketRow = typeof markets.$inferSelect;
export type TMarketWithManager = TMarketRow & { countryManagerName: string | null };

/** Whether the installation has an organisation yet: the demo is loaded into one that has none. */
export async function hasAnyOrganisation(db: Db): Promise<boolean> {
  return acrossOrganisations('the demo is loaded only into an installation without organisations', async () => {
    const [row] = await db.select({ id: organisations.id }).from(organisations).limit(1);
    return Boolean(row);
  });
}

export async function insertOrganisation(db: Db, row: typeof organisations.$inferInsert) {
  await db.insert(organisations).values(row);
}

/**
 * The first admin of a new organisation. The users table belongs to identity; this one insert lives here
 * because the organisation and its first user are created in one transaction, before any actor exists.
 */
export async function insertFirstUser(db: Db, orgId: string, row: Omit<typeof users.$inferInsert, 'orgId'>) {
  await db.insert(users).values({ ...row, orgId });
}

export async function findOrganisation(db: Db, orgId: string): Promise<TOrganisationRow | null> {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, orgId));
  return row ?? null;
}

export async function updateOrganisation(db: Db, orgId: string, set: Partial<TOrganisationRow>): Promise<TOrganisationRow | null> {
  const [row] = await db.update(organisations).set(set).where(eq(organisations.id, orgId)).returning();
  return row ?? null;
}

export async function isUserOfOrganisation(db: Db, orgId: string, userId: string): Promise<boolean> {
  const [u] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, userId)));
  return Boolean(u);
}

const withManager = (db: Db) =>
  db
    .select({ m: markets, countryManagerName: users.name })
    .from(markets)
    .leftJoin(users, and(eq(users.orgId, markets.orgId), eq(users.id, markets.countryManagerUserId)));

export async function listMarkets(db: Db, orgId: string): Promise<TMarketWithManager[]> {
  const rows = await withManager(db).where(eq(markets.orgId, orgId)).orderBy(asc(markets.name));
  return rows.map((r) => ({ ...r.m, countryManagerName: r.countryManagerName }));
}

export async function findMarketWithManager(db: Db, orgId: string, id: string): Promise<TMarketWithManager | null> {
  const [r] = await withManager(db).where(and(eq(markets.orgId, orgId), eq(markets.id, id)));
  return r ? { ...r.m, countryManagerName: r.countryManagerName } : null;
}

export async function findMarketById(db: Db, orgId: string, id: string): Promise<TMarketRow | null> {
  const [row] = await db
    .select()
    .from(markets)
    .where(and(eq(markets.orgId, orgId), eq(markets.id, id)));
  return row ?? null;
}

export async function findMarketByCode(db: Db, orgId: string, code: string): Promise<TMarketRow | null> {
  const [row] = await db
    .select()
    .from(markets)
    .where(and(eq(markets.orgId, orgId), eq(markets.code, code)));
  return row ?? null;
}

export async function insertMarket(db: Db, orgId: string, row: Omit<typeof markets.$inferInsert, 'orgId'>): Promise<TMarketRow | null> {
  const [created] = await db
    .insert(markets)
    .values({ ...row, orgId })
    .returning();
  return created ?? null;
}

export async function updateMarket(db: Db, orgId: string, id: string, set: Partial<TMarketRow>): Promise<TMarketRow | null> {
  const [row] = await db
    .update(markets)
    .set(set)
    .where(and(eq(markets.orgId, orgId), eq(markets.id, id)))
    .returning();
  return row ?? null;
}
