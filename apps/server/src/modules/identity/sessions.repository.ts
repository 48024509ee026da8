import { and, count, eq, gte, isNull, lt, ne, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { acrossOrganisations } from '../../platform/db/tenancy.ts';
import { newId } from '../../platform/ids.ts';
import { loginAttempts, passwordResets, sessions, users } from './identity.table.ts';

/**
 * Queries of sign-in, sessions and password resets. No HTTP, no access checks; takes a db or a transaction.
 * Every query on a tenant table takes the organisation, except the few marked "by credential": they run before
 * anyone is known (sign-in by e-mail, a session cookie, a reset link), when the secret itself is the key and
 * unique across the installation. They run inside `acrossOrganisations`, which says why.
 */

export type TUserRow = typeof users.$inferSelect;

/** By credential: sign-in is by e-mail, which belongs to one user in the whole installation. */
export function findUserByEmail(db: Db, email: string): Promise<TUserRow | undefined> {
  return acrossOrganisations('sign-in and reset requests are by e-mail, before the organisation is known', async () => {
    const [row] = await db.select().from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
    return row;
  });
}

/** Failed sign-in attempts since `since`, per e-mail and per client address (login_attempts is not per organisation). */
export async function countFailedAttempts(db: Db, q: { email: string; ip: string; since: Date }) {
  const failed = (by: SQL) => and(by, eq(loginAttempts.succeeded, false), gte(loginAttempts.at, q.since));
  const [[byEmail], [byIp]] = await Promise.all([
    db
      .select({ n: count() })
      .from(loginAttempts)
      .where(failed(eq(loginAttempts.email, q.email))),
    db
      .select({ n: count() })
      .from(loginAttempts)
      .where(failed(eq(loginAttempts.ip, q.ip))),
  ]);
  return { byEmail: byEmail?.n ?? 0, byIp: byIp?.n ?? 0 };
}

export async function recordSignInAttempt(db: Db, attempt: { email: string; ip: string; succeeded: boolean; at: Date }) {
  await db.insert(loginAttempts).values({ id: newId(), ...attempt });
}

export async function markSignedIn(db: Db, orgId: string, userId: string, at: Date) {
  await db
    .update(users)
    .set({ lastLoginAt: at })
    .where(and(eq(users.orgId, orgId), eq(users.id, userId)));
}

export async function setPasswordHash(db: Db, orgId: string, userId: string, passwordHash: string) {
  await db
    .update(users)
    .set({ passwordHash })
    .where(and(eq(users.orgId, orgId), eq(users.id, userId)));
}

export async function insertSession(db: Db, orgId: string, session: Omit<typeof sessions.$inferInsert, 'orgId'>) {
  await db.insert(sessions).values({ ...session, orgId });
}

/** By credential: the session (by the SHA-256 of its cookie) with its user. */
export function findSessionWithUser(db: Db, sessionId: string) {
  return acrossOrganisations('a session cookie is resolved by its hash, before the organisation is known', async () => {
    const [row] = await db
      .select({ session: sessions, user: users })
      .from(sessions)
      .innerJoin(users, and(eq(users.orgId, sessions.orgId), eq(users.id, sessions.userId)))
      .where(eq(sessions.id, sessionId));
    return row;
  });
}

export async function touchSession(db: Db, orgId: string, sessionId: string, at: Date) {
  await db
    .update(sessions)
    .set({ lastSeenAt: at })
    .where(and(eq(sessions.orgId, orgId), eq(sessions.id, sessionId)));
}

export async function deleteSession(db: Db, orgId: string, sessionId: string) {
  await db.delete(sessions).where(and(eq(sessions.orgId, orgId), eq(sessions.id, sessionId)));
}

/** Ends every session of a user, but the one kept (the session making a password change). */
export async function deleteUserSessions(db: Db, orgId: string, userId: string, keepSessionId: string | null = null) {
  await db
    .delete(sessions)
    .where(and(eq(sessions.orgId, orgId), eq(sessions.userId, userId), keepSessionId ? ne(sessions.id, keepSessionId) : undefined));
}

export async function countResetsSince(db: Db, orgId: string, userId: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(passwordResets)
    .where(and(eq(passwordResets.orgId, orgId), eq(passwordResets.userId, userId), gte(passwordResets.createdAt, since)));
  return row?.n ?? 0;
}

export async function insertPasswordReset(db: Db, orgId: string, reset: Omit<typeof passwordResets.$inferInsert, 'orgId'>) {
  await db.insert(passwordResets).values({ ...reset, orgId });
}

/** By credential: a reset or invitation link (by the SHA-256 of its token). */
export function findPasswordReset(db: Db, resetId: string) {
  return acrossOrganisations('a reset link is resolved by its hash, before the organisation is known', async () => {
    const [row] = await db.select().from(passwordResets).where(eq(passwordResets.id, resetId));
    return row;
  });
}

/** Uses up every outstanding reset and invitation link of a user: after a reset or change, older links are void. */
export async function useUpResets(db: Db, orgId: string, userId: string, at: Date) {
  await db
    .update(passwordResets)
    .set({ usedAt: at })
    .where(and(eq(passwordResets.orgId, orgId), eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
}

/**
 * Housekeeping across all organisations: sign-in attempts older than the throttle could look at, ended
 * sessions, and reset links a day past their expiry (kept that long so a late click still says "expired").
 */
export function deleteStaleCredentials(db: Db, q: { attemptsBefore: Date; sessionsBefore: Date; resetsBefore: Date }) {
  return acrossOrganisations('nightly housekeeping of every organisation', async () => {
    const attempts = await db.delete(loginAttempts).where(lt(loginAttempts.at, q.attemptsBefore)).returning({ id: loginAttempts.id });
    const ended = await db.delete(sessions).where(lt(sessions.expiresAt, q.sessionsBefore)).returning({ id: sessions.id });
    const resets = await db.delete(passwordResets).where(lt(passwordResets.expiresAt, q.resetsBefore)).returning({ id: passwordResets.id });
    return { attempts: attempts.length, sessions: ended.length, resets: resets.length };
  });
}
