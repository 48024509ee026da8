import { and, count, desc, eq, gte, isNull, ne, sql } from 'drizzle-orm';
import { type Actor, permissionsOf, requirePermission } from '../../platform/access/access.ts';
import type { TPermission, TRole } from '../../platform/access/permissions.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { enqueueEmail } from '../../platform/mail/outbox.ts';
import { recordAudit } from '../audit/index.ts';
import { organisations } from '../organisations/organisations.table.ts';
import { renderInvitationEmail, renderPasswordResetEmail } from './identity.emails.ts';
import { apiTokens, loginAttempts, passwordResets, sessions, users } from './identity.table.ts';
import { hashPassword, randomToken, sha256, verifyPassword } from './passwords.ts';

export const SESSION_IDLE_MS = 12 * 3600_000;
export const SESSION_ABSOLUTE_MS = 7 * 24 * 3600_000;
const RESET_TTL_MS = 2 * 3600_000;
const INVITE_TTL_MS = 7 * 24 * 3600_000;
const MAX_RESETS_PER_HOUR = 3;
/** ASVS 2.2.1: at most 100 failures an hour per account; we allow 10 per 15 minutes per e-mail. */
const MAX_FAILURES_PER_EMAIL = 10;
const MAX_FAILURES_PER_IP = 100;
const THROTTLE_WINDOW_MS = 15 * 60_000;
/** Sessions and tokens are cached this long per instance; revocation reaches other instances within it. */
const AUTH_CACHE_MS = 5_000;

type UserRow = typeof users.$inferSelect;

export function toUserDto(u: UserRow) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role as TRole,
    ownAccountsOnly: u.ownAccountsOnly,
    language: u.language as 'en' | 'nl' | 'da',
    disabled: u.disabledAt !== null,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}

const actorFromUser = (u: UserRow, extra: Partial<Actor> = {}): Actor => ({
  orgId: u.orgId,
  userId: u.id,
  name: u.name,
  role: u.role as TRole,
  ownAccountsOnly: u.ownAccountsOnly,
  ...extra,
});

export type IdentityService = ReturnType<typeof createIdentityService>;

interface AuthCacheEntry {
  actor: Actor;
  csrfToken: string | null;
  until: number;
  lastSeenAt: number;
}

/** Most sessions and tokens kept in one process's auth cache; beyond it the oldest entries go first. */
export const AUTH_CACHE_MAX_ENTRIES = 10_000;

/**
 * The short-lived cache of resolved sessions and API tokens. Bounded: a long-running server sees many sessions
 * come and go, and an entry is only worth keeping for AUTH_CACHE_MS anyway. A Map iterates in insertion order,
 * so the first keys are the oldest.
 */
export function createAuthCache(maxEntries = AUTH_CACHE_MAX_ENTRIES) {
  const entries = new Map<string, AuthCacheEntry>();
  return {
    get: (key: string) => entries.get(key),
    set(key: string, entry: AuthCacheEntry) {
      entries.delete(key);
      entries.set(key, entry);
      if (entries.size <= maxEntries) return;
      // Expired entries first, then the oldest until a tenth of the room is free again.
      for (const [k, e] of entries) if (e.until <= entry.lastSeenAt) entries.delete(k);
      for (const k of entries.keys()) {
        if (entries.size <= maxEntries * 0.9) break;
        entries.delete(k);
      }
    },
    delete: (key: string) => entries.delete(key),
    clear: () => entries.clear(),
    get size() {
      return entries.size;
    },
  };
}

export function createIdentityService(deps: { db: Db; clock: Clock; publicUrl: string }) {
  const { db, clock } = deps;
  const cache = createAuthCache();

  async function throttle(email: string, ip: string) {
    const since = new Date(clock.now().getTime() - THROTTLE_WINDOW_MS);
    const [byEmail] = await db
      .select({ n: count() })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.email, email), eq(loginAttempts.succeeded, false), gte(loginAttempts.at, since)));
    const [byIp] = await db
      .select({ n: count() })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.ip, ip), eq(loginAttempts.succeeded, false), gte(loginAttempts.at, since)));
    if ((byEmail?.n ?? 0) >= MAX_FAILURES_PER_EMAIL || (byIp?.n ?? 0) >= MAX_FAILURES_PER_IP) {
      throw new AppError('RATE_LIMITED', 'Too many failed sign-in attempts; try again in 15 minutes', [], {
        'retry-after': String(THROTTLE_WINDOW_MS / 1000),
      });
    }
  }

  async function createSession(user: UserRow) {
    const token = randomToken();
    const csrfToken = randomToken(24);
    const now = clock.now();
    await db.insert(sessions).values({
      orgId: user.orgId,
      id: sha256(token),
      userId: user.id,
      csrfToken,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
    });
    return { token, csrfToken };
  }

  return {
    async login(input: { email: string; password: string }, ip: string) {
      const email = input.email.toLowerCase();
      await throttle(email, ip);
      const [user] = await db.select().from(users).where(sql`lower(${users.email}) = ${email}`);
      const ok = (await verifyPassword(user?.passwordHash ?? null, input.password)) && user && !user.disabledAt;
      await db.insert(loginAttempts).values({ id: newId(), email, ip, succeeded: !!ok, at: clock.now() });
      if (!ok || !user) throw new AppError('UNAUTHENTICATED', 'E-mail or password is incorrect');
      await db
        .update(users)
        .set({ lastLoginAt: clock.now() })
        .where(and(eq(users.orgId, user.orgId), eq(users.id, user.id)));
      return { user, ...(await createSession(user)) };
    },

    async logout(token: string) {
      const id = sha256(token);
      cache.delete(`s:${id}`);
      await db.delete(sessions).where(eq(sessions.id, id));
    },

    /** Resolve a session cookie to an actor, or null when missing, expired or idle too long. */
    async actorFromSession(token: string, requestId: string): Promise<{ actor: Actor; csrfToken: string } | null> {
      const id = sha256(token);
      const now = clock.now().getTime();
      const hit = cache.get(`s:${id}`);
      if (hit && hit.until > now && hit.csrfToken) return { actor: { ...hit.actor, requestId }, csrfToken: hit.csrfToken };
      const [row] = await db
        .select({ s: sessions, u: users })
        .from(sessions)
        .innerJoin(users, and(eq(users.orgId, sessions.orgId), eq(users.id, sessions.userId)))
        .where(eq(sessions.id, id));
      if (!row || row.u.disabledAt || row.s.expiresAt.getTime() <= now || row.s.lastSeenAt.getTime() + SESSION_IDLE_MS <= now) {
        cache.delete(`s:${id}`);
        return null;
      }
      if (now - row.s.lastSeenAt.getTime() > 60_000) {
        await db
          .update(sessions)
          .set({ lastSeenAt: new Date(now) })
          .where(eq(sessions.id, id));
      }
      const actor = actorFromUser(row.u);
      cache.set(`s:${id}`, { actor, csrfToken: row.s.csrfToken, until: now + AUTH_CACHE_MS, lastSeenAt: now });
      return { actor: { ...actor, requestId }, csrfToken: row.s.csrfToken };
    },

    async actorFromApiToken(token: string, requestId: string): Promise<Actor | null> {
      const hashValue = sha256(token);
      const now = clock.now().getTime();
      const hit = cache.get(`t:${hashValue}`);
      if (hit && hit.until > now) return { ...hit.actor, requestId };
      const [row] = await db
        .select({ t: apiTokens, u: users })
        .from(apiTokens)
        .innerJoin(users, and(eq(users.orgId, apiTokens.orgId), eq(users.id, apiTokens.userId)))
        .where(eq(apiTokens.tokenHash, hashValue));
      if (!row || row.t.revokedAt || row.u.disabledAt || (row.t.expiresAt && row.t.expiresAt.getTime() <= now)) return null;
      if (!row.t.lastUsedAt || now - row.t.lastUsedAt.getTime() > 60_000) {
        await db
          .update(apiTokens)
          .set({ lastUsedAt: new Date(now) })
          .where(eq(apiTokens.tokenHash, hashValue));
      }
      const actor = actorFromUser(row.u, { tokenScopes: row.t.scopes as TPermission[] });
      cache.set(`t:${hashValue}`, { actor, csrfToken: null, until: now + AUTH_CACHE_MS, lastSeenAt: now });
      return { ...actor, requestId };
    },

    async me(actor: Actor, csrfToken: string | null) {
      const [row] = await db
        .select({ u: users, o: organisations })
        .from(users)
        .innerJoin(organisations, eq(organisations.id, users.orgId))
        .where(and(eq(users.orgId, actor.orgId), eq(users.id, actor.userId)));
      if (!row) throw notFound('User');
      return {
        user: toUserDto(row.u),
        organisation: { id: row.o.id, name: row.o.name, slug: row.o.slug, reportingCurrency: row.o.reportingCurrency },
        permissions: permissionsOf(actor),
        csrfToken,
      };
    },

    async updateMe(actor: Actor, input: { name?: string; language?: string }) {
      const mine = and(eq(users.orgId, actor.orgId), eq(users.id, actor.userId));
      // An empty PATCH changes nothing (and Drizzle refuses an empty SET).
      const [u] = Object.keys(input).length
        ? await db.update(users).set(input).where(mine).returning()
        : await db.select().from(users).where(mine);
      if (!u) throw notFound('User');
      cache.clear();
      return toUserDto(u);
    },

    /** Signs the user out everywhere else: other sessions end, the one making the change stays. */
    async changePassword(actor: Actor, input: { currentPassword: string; newPassword: string }, currentSessionToken: string | null) {
      const [u] = await db
        .select()
        .from(users)
        .where(and(eq(users.orgId, actor.orgId), eq(users.id, actor.userId)));
      if (!u || !(await verifyPassword(u.passwordHash, input.currentPassword))) throw invalid('currentPassword', 'is incorrect');
      await db.transaction(async (tx) => {
        await tx
          .update(users)
          .set({ passwordHash: await hashPassword(input.newPassword) })
          .where(and(eq(users.orgId, u.orgId), eq(users.id, u.id)));
        const keep = currentSessionToken ? sha256(currentSessionToken) : null;
        await tx
          .delete(sessions)
          .where(and(eq(sessions.orgId, u.orgId), eq(sessions.userId, u.id), keep ? ne(sessions.id, keep) : undefined));
        await recordAudit(tx, clock, actor, { entityType: 'user', entityId: u.id, action: 'password_changed' });
      });
      cache.clear();
    },

    /** Always succeeds from the caller's view, so it cannot be used to learn which e-mails exist. */
    async requestPasswordReset(email: string) {
      const [u] = await db.select().from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
      if (!u || u.disabledAt) return;
      // At most a few reset mails an hour per user, so the form cannot be used to flood someone's inbox.
      const [recent] = await db
        .select({ n: count() })
        .from(passwordResets)
        .where(
          and(
            eq(passwordResets.orgId, u.orgId),
            eq(passwordResets.userId, u.id),
            gte(passwordResets.createdAt, new Date(clock.now().getTime() - 3600_000)),
          ),
        );
      if ((recent?.n ?? 0) >= MAX_RESETS_PER_HOUR) return;
      const token = randomToken();
      await db.transaction(async (tx) => {
        await tx.insert(passwordResets).values({
          orgId: u.orgId,
          id: sha256(token),
          userId: u.id,
          createdAt: clock.now(),
          expiresAt: new Date(clock.now().getTime() + RESET_TTL_MS),
        });
        const link = `${deps.publicUrl}/reset-password?token=${token}`;
        await enqueueEmail(tx, clock, { orgId: u.orgId, to: u.email, ...renderPasswordResetEmail(u.language, u.name, link) });
      });
    },

    async confirmPasswordReset(input: { token: string; password: string }) {
      const id = sha256(input.token);
      await db.transaction(async (tx) => {
        const [reset] = await tx.select().from(passwordResets).where(eq(passwordResets.id, id));
        if (!reset || reset.usedAt || reset.expiresAt.getTime() <= clock.now().getTime()) {
          throw invalid('token', 'is invalid or has expired; request a new link');
        }
        await tx.update(passwordResets).set({ usedAt: clock.now() }).where(eq(passwordResets.id, id));
        await tx
          .update(users)
          .set({ passwordHash: await hashPassword(input.password) })
          .where(and(eq(users.orgId, reset.orgId), eq(users.id, reset.userId)));
        // A reset signs the user out everywhere.
        await tx.delete(sessions).where(and(eq(sessions.orgId, reset.orgId), eq(sessions.userId, reset.userId)));
      });
      cache.clear();
    },

    async createUser(
      actor: Actor,
      input: { email: string; name: string; role: TRole; ownAccountsOnly: boolean; language: string; password?: string },
    ) {
      requirePermission(actor, 'user:manage');
      return db.transaction(async (tx) => {
        const [existing] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${input.email.toLowerCase()}`);
        if (existing)
          throw new AppError('CONFLICT', 'email: a user with this e-mail already exists', [{ field: 'email', message: 'already in use' }]);
        const [u] = await tx
          .insert(users)
          .values({
            orgId: actor.orgId,
            id: newId(),
            email: input.email,
            name: input.name,
            role: input.role,
            ownAccountsOnly: input.ownAccountsOnly,
            language: input.language,
            passwordHash: input.password ? await hashPassword(input.password) : null,
            createdAt: clock.now(),
          })
          .returning();
        if (!u) throw new AppError('INTERNAL', 'User was not created');
        if (!input.password) {
          const token = randomToken();
          await tx.insert(passwordResets).values({
            orgId: u.orgId,
            id: sha256(token),
            userId: u.id,
            createdAt: clock.now(),
            expiresAt: new Date(clock.now().getTime() + INVITE_TTL_MS),
          });
          const link = `${deps.publicUrl}/reset-password?token=${token}`;
          await enqueueEmail(tx, clock, { orgId: u.orgId, to: u.email, ...renderInvitationEmail(u.language, u.name, actor.name, link) });
        }
        const dto = toUserDto(u);
        await recordAudit(tx, clock, actor, { entityType: 'user', entityId: u.id, action: 'created', after: dto });
        return dto;
      });
    },

    async updateUser(
      actor: Actor,
      id: string,
      input: { name?: string; role?: TRole; ownAccountsOnly?: boolean; language?: string; disabled?: boolean },
    ) {
      requirePermission(actor, 'user:manage');
      if (id === actor.userId && (input.disabled || (input.role && input.role !== actor.role))) {
        throw invalid(input.disabled ? 'disabled' : 'role', 'you cannot disable yourself or change your own role');
      }
      const result = await db.transaction(async (tx) => {
        const [before] = await tx
          .select()
          .from(users)
          .where(and(eq(users.orgId, actor.orgId), eq(users.id, id)))
          .for('update');
        if (!before) throw notFound('User');
        const { disabled, ...rest } = input;
        const changes = {
          ...rest,
          ...(disabled === undefined ? {} : { disabledAt: disabled ? (before.disabledAt ?? clock.now()) : null }),
        };
        // An empty PATCH changes nothing (and Drizzle refuses an empty SET).
        const [after] = Object.keys(changes).length
          ? await tx
              .update(users)
              .set(changes)
              .where(and(eq(users.orgId, actor.orgId), eq(users.id, id)))
              .returning()
          : [before];
        if (!after) throw notFound('User');
        if (disabled) await tx.delete(sessions).where(and(eq(sessions.orgId, actor.orgId), eq(sessions.userId, id)));
        await recordAudit(tx, clock, actor, {
          entityType: 'user',
          entityId: id,
          action: 'updated',
          before: toUserDto(before),
          after: toUserDto(after),
        });
        return toUserDto(after);
      });
      cache.clear();
      return result;
    },

    async listApiTokens(actor: Actor) {
      requirePermission(actor, 'api_token:manage');
      const rows = await db
        .select({ t: apiTokens, userName: users.name })
        .from(apiTokens)
        .innerJoin(users, and(eq(users.orgId, apiTokens.orgId), eq(users.id, apiTokens.userId)))
        .where(and(eq(apiTokens.orgId, actor.orgId), actor.role === 'admin' ? undefined : eq(apiTokens.userId, actor.userId)))
        .orderBy(desc(apiTokens.createdAt));
      return rows.map((r) => tokenDto(r.t, r.userName));
    },

    async createApiToken(actor: Actor, input: { name: string; scopes: TPermission[]; expiresAt?: string | null }) {
      requirePermission(actor, 'api_token:manage');
      const allowed = permissionsOf(actor);
      const extra = input.scopes.filter((s) => !allowed.includes(s));
      if (extra.length) throw invalid('scopes', `you cannot grant permissions you do not have: ${extra.join(', ')}`);
      if (input.expiresAt && new Date(input.expiresAt).getTime() <= clock.now().getTime())
        throw invalid('expiresAt', 'must be in the future');
      const token = `c365_${randomToken()}`;
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(apiTokens)
          .values({
            orgId: actor.orgId,
            id: newId(),
            userId: actor.userId,
            name: input.name,
            tokenHash: sha256(token),
            prefix: token.slice(0, 9),
            scopes: [...new Set(input.scopes)],
            createdAt: clock.now(),
            expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
          })
          .returning();
        if (!row) throw new AppError('INTERNAL', 'Token was not created');
        await recordAudit(tx, clock, actor, {
          entityType: 'api_token',
          entityId: row.id,
          action: 'created',
          after: { name: row.name, scopes: row.scopes },
        });
        return { ...tokenDto(row, actor.name), token };
      });
    },

    async revokeApiToken(actor: Actor, id: string) {
      requirePermission(actor, 'api_token:manage');
      await db.transaction(async (tx) => {
        const [row] = await tx
          .update(apiTokens)
          .set({ revokedAt: clock.now() })
          .where(
            and(
              eq(apiTokens.orgId, actor.orgId),
              eq(apiTokens.id, id),
              isNull(apiTokens.revokedAt),
              actor.role === 'admin' ? undefined : eq(apiTokens.userId, actor.userId),
            ),
          )
          .returning();
        if (!row) throw notFound('API token');
        await recordAudit(tx, clock, actor, { entityType: 'api_token', entityId: id, action: 'revoked' });
      });
      cache.clear();
    },
  };
}

function tokenDto(t: typeof apiTokens.$inferSelect, userName: string) {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    scopes: t.scopes as TPermission[],
    userId: t.userId,
    userName,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}
