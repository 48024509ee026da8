import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { acrossOrganisations } from '../../platform/db/tenancy.ts';
import { apiTokens, users } from './identity.table.ts';

/** Queries of API tokens: no HTTP, no access checks; takes a db or a transaction and the organisation. */

export type TApiTokenRow = typeof apiTokens.$inferSelect;

/** The organisation's tokens, newest first, with their owners' names; only one user's when `userId` is given. */
export async function findApiTokens(db: Db, orgId: string, userId: string | null) {
  return db
    .select({ token: apiTokens, userName: users.name })
    .from(apiTokens)
    .innerJoin(users, and(eq(users.orgId, apiTokens.orgId), eq(users.id, apiTokens.userId)))
    .where(and(eq(apiTokens.orgId, orgId), userId ? eq(apiTokens.userId, userId) : undefined))
    .orderBy(desc(apiTokens.createdAt));
}

export async function insertApiToken(db: Db, orgId: string, token: Omit<typeof apiTokens.$inferInsert, 'orgId'>): Promise<TApiTokenRow> {
  const [row] = await db
    .insert(apiTokens)
    .values({ ...token, orgId })
    .returning();
  if (!row) throw new Error('insert into api_tokens returned no row');
  return row;
}

/** Revokes a live token (only one user's when `userId` is given); undefined when there is none to revoke. */
export async function revokeApiToken(db: Db, orgId: string, id: string, q: { userId: string | null; at: Date }) {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: q.at })
    .where(
      and(
        eq(apiTokens.orgId, orgId),
        eq(apiTokens.id, id),
        isNull(apiTokens.revokedAt),
        q.userId ? eq(apiTokens.userId, q.userId) : undefined,
      ),
    )
    .returning();
  return row;
}

/** By credential: the token (by its SHA-256) with its user, before anyone is known. */
export function findApiTokenWithUser(db: Db, tokenHash: string) {
  return acrossOrganisations('a bearer token is resolved by its hash, before the organisation is known', async () => {
    const [row] = await db
      .select({ token: apiTokens, user: users })
      .from(apiTokens)
      .innerJoin(users, and(eq(users.orgId, apiTokens.orgId), eq(users.id, apiTokens.userId)))
      .where(eq(apiTokens.tokenHash, tokenHash));
    return row;
  });
}

export async function touchApiToken(db: Db, orgId: string, id: string, at: Date) {
  await db
    .update(apiTokens)
    .set({ lastUsedAt: at })
    .where(and(eq(apiTokens.orgId, orgId), eq(apiTokens.id, id)));
}
