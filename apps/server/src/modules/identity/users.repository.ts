import { and, asc, count, desc, eq, ilike, isNull, lte, max, or, type SQL, sql } from 'drizzle-orm';
import { ROLES } from '../../platform/access/permissions.ts';
import type { Db } from '../../platform/db/database.ts';
import { containsPattern } from '../../platform/db/like.ts';
import { acrossOrganisations } from '../../platform/db/tenancy.ts';
import { organisations } from '../organisations/index.ts';
import type { TUserQuery } from './identity.schemas.ts';
import { users } from './identity.table.ts';

/** Queries of users: no HTTP, no access checks; takes a db or a transaction and the organisation. */

export type TUserRow = typeof users.$inferSelect;
export type TUserChanges = Partial<Pick<TUserRow, 'name' | 'role' | 'ownAccountsOnly' | 'language' | 'disabledAt'>>;

export async function findUserById(db: Db, orgId: string, userId: string): Promise<TUserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, userId)));
  return row;
}

/** The user locked for an update in the caller's transaction. */
export async function lockUser(db: Db, orgId: string, userId: string): Promise<TUserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, userId)))
    .for('update');
  return row;
}

/** Whether any user of the installation has this e-mail: sign-in is by e-mail, so it is unique across organisations. */
export function isEmailTaken(db: Db, email: string): Promise<boolean> {
  return acrossOrganisations('an e-mail address belongs to one user in the whole installation', async () => {
    const [row] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
    return !!row;
  });
}

export async function insertUser(db: Db, orgId: string, user: Omit<typeof users.$inferInsert, 'orgId'>): Promise<TUserRow> {
  const [row] = await db
    .insert(users)
    .values({ ...user, orgId })
    .returning();
  if (!row) throw new Error('insert into users returned no row');
  return row;
}

/** Applies the changes and returns the user as it is now; an empty change reads it (Drizzle refuses an empty SET). */
export async function updateUser(db: Db, orgId: string, userId: string, changes: TUserChanges): Promise<TUserRow | undefined> {
  if (!Object.keys(changes).length) return findUserById(db, orgId, userId);
  const [row] = await db
    .update(users)
    .set(changes)
    .where(and(eq(users.orgId, orgId), eq(users.id, userId)))
    .returning();
  return row;
}

/** The user with their organisation, for "who am I". */
export async function findUserWithOrganisation(db: Db, orgId: string, userId: string) {
  const [row] = await db
    .select({ user: users, organisation: organisations })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(and(eq(users.orgId, orgId), eq(users.id, userId)));
  return row;
}

// Roles sort in the order of the role table (admin first, read-only last), which reads the same in every UI language.
const roleRank = sql`array_position(array[${sql.join(
  ROLES.map((r) => sql`${r}`),
  sql`, `,
)}]::text[], ${users.role})`;

const SORT_COLUMNS: Record<TUserQuery['sort'], SQL> = {
  name: sql`lower(${users.name})`,
  email: sql`lower(${users.email})`,
  role: roleRank,
  lastLoginAt: sql`${users.lastLoginAt}`,
  createdAt: sql`${users.createdAt}`,
};

/** Ties (same role, never signed in) fall back to the name; users who never signed in come last either way. */
function orderOf(q: TUserQuery): SQL[] {
  const dir = sql.raw(q.order === 'desc' ? 'desc' : 'asc');
  const byName = [asc(sql`lower(${users.name})`), asc(users.id)];
  if (q.sort === 'name') return [sql`${SORT_COLUMNS.name} ${dir}`, q.order === 'desc' ? desc(users.id) : asc(users.id)];
  return [sql`${SORT_COLUMNS[q.sort]} ${dir} nulls last`, ...byName];
}

const whereOf = (orgId: string, q: TUserQuery, createdUntil?: Date) =>
  and(
    eq(users.orgId, orgId),
    q.includeDisabled === 'true' ? undefined : isNull(users.disabledAt),
    q.role ? eq(users.role, q.role) : undefined,
    q.q ? or(ilike(users.name, containsPattern(q.q)), ilike(users.email, containsPattern(q.q))) : undefined,
    createdUntil ? lte(users.createdAt, createdUntil) : undefined,
  );

/** One page of the filtered, ordered list; `createdUntil` leaves out users added after an export began. */
export async function findUsersPage(db: Db, orgId: string, q: TUserQuery, page: { limit: number; offset: number; createdUntil?: Date }) {
  return db
    .select()
    .from(users)
    .where(whereOf(orgId, q, page.createdUntil))
    .orderBy(...orderOf(q))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countUsers(db: Db, orgId: string, q: TUserQuery): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users).where(whereOf(orgId, q));
  return row?.n ?? 0;
}

/** When the newest user matching the filters was created (null when none match). */
export async function latestUserCreatedAt(db: Db, orgId: string, q: TUserQuery): Promise<Date | null> {
  const [row] = await db
    .select({ at: max(users.createdAt) })
    .from(users)
    .where(whereOf(orgId, q));
  return row?.at ?? null;
}
