import type { Actor } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { enqueueEmail } from '../../platform/mail/outbox.ts';
import { recordAudit } from '../audit/index.ts';
import { AUTH_CACHE_MS, type AuthCache } from './auth-cache.ts';
import { renderPasswordResetEmail } from './identity.emails.ts';
import { actorFromUser } from './identity.mappers.ts';
import { identityMessages as m } from './identity.messages.ts';
import type { TChangePasswordRequest } from './identity.schemas.ts';
import { hashPassword, randomToken, sha256, verifyPassword } from './passwords.ts';
import * as repo from './sessions.repository.ts';
import { findUserById } from './users.repository.ts';

export const SESSION_IDLE_MS = 12 * 3600_000;
export const SESSION_ABSOLUTE_MS = 7 * 24 * 3600_000;
export const RESET_TTL_MS = 2 * 3600_000;
const MAX_RESETS_PER_HOUR = 3;
/** ASVS 2.2.1: at most 100 failures an hour per account; we allow 10 per 15 minutes per e-mail. */
const MAX_FAILURES_PER_EMAIL = 10;
const MAX_FAILURES_PER_IP = 100;
export const THROTTLE_WINDOW_MS = 15 * 60_000;

/**
 * A session-only action: an API token, whatever its scopes, cannot do it. Writes under /auth (my name and
 * language, my password) act on the person, not on the organisation's data, so integrations have no use for them
 * and a leaked token must not be able to take over its owner's account.
 */
export function requireSession(actor: Actor) {
  if (actor.tokenScopes) throw new AppError('FORBIDDEN', { entry: m.session_only });
}

export type SessionService = ReturnType<typeof createSessionService>;

/** Sign-in, sessions, their throttle, password change and reset. */
export function createSessionService(deps: { db: Db; clock: Clock; publicUrl: string; cache: AuthCache }) {
  const { db, clock, cache } = deps;

  /** Sign-in and password change share one store of attempts and its limits, per e-mail and per client address. */
  async function throttle(email: string, ip: string) {
    const since = new Date(clock.now().getTime() - THROTTLE_WINDOW_MS);
    const failed = await repo.countFailedAttempts(db, { email, ip, since });
    if (failed.byEmail >= MAX_FAILURES_PER_EMAIL || failed.byIp >= MAX_FAILURES_PER_IP) {
      throw new AppError('RATE_LIMITED', { entry: m.too_many_attempts, values: { minutes: THROTTLE_WINDOW_MS / 60_000 } }, [], {
        'retry-after': String(THROTTLE_WINDOW_MS / 1000),
      });
    }
  }

  /** Checks a password against the throttle and records the attempt; true when it is right. */
  async function checkPassword(email: string, ip: string, passwordHash: string | null, password: string, usable: boolean) {
    await throttle(email, ip);
    const ok = (await verifyPassword(passwordHash, password)) && usable;
    await repo.recordSignInAttempt(db, { email, ip, succeeded: ok, at: clock.now() });
    return ok;
  }

  async function createSession(user: repo.TUserRow) {
    const token = randomToken();
    const csrfToken = randomToken(24);
    const now = clock.now();
    await repo.insertSession(db, user.orgId, {
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
      const user = await repo.findUserByEmail(db, email);
      const ok = await checkPassword(email, ip, user?.passwordHash ?? null, input.password, !!user && !user.disabledAt);
      if (!ok || !user) throw new AppError('UNAUTHENTICATED', { entry: m.sign_in_incorrect });
      await repo.markSignedIn(db, user.orgId, user.id, clock.now());
      return { actor: actorFromUser(user), ...(await createSession(user)) };
    },

    /** Ends the caller's session (nothing to end for an API token or an unknown cookie). */
    async logout(actor: Actor | null, token: string | null) {
      if (!token) return;
      const id = sha256(token);
      cache.delete(`s:${id}`);
      if (actor) await repo.deleteSession(db, actor.orgId, id);
    },

    /** Resolve a session cookie to an actor, or null when missing, expired or idle too long. */
    async actorFromSession(token: string, requestId: string): Promise<{ actor: Actor; csrfToken: string } | null> {
      const id = sha256(token);
      const now = clock.now().getTime();
      const hit = cache.fresh(`s:${id}`, now);
      if (hit?.csrfToken) return { actor: { ...hit.actor, requestId }, csrfToken: hit.csrfToken };
      const row = await repo.findSessionWithUser(db, id);
      if (
        !row ||
        row.user.disabledAt ||
        row.session.expiresAt.getTime() <= now ||
        row.session.lastSeenAt.getTime() + SESSION_IDLE_MS <= now
      ) {
        cache.delete(`s:${id}`);
        return null;
      }
      let lastSeenAt = row.session.lastSeenAt.getTime();
      if (now - lastSeenAt > 60_000) {
        await repo.touchSession(db, row.session.orgId, id, new Date(now));
        lastSeenAt = now;
      }
      const actor = actorFromUser(row.user);
      const expiresAt = Math.min(row.session.expiresAt.getTime(), lastSeenAt + SESSION_IDLE_MS);
      cache.set(`s:${id}`, { actor, csrfToken: row.session.csrfToken, until: now + AUTH_CACHE_MS, expiresAt, lastSeenAt: now });
      return { actor: { ...actor, requestId }, csrfToken: row.session.csrfToken };
    },

    /**
     * Signs the user out everywhere else: other sessions end, the one making the change stays, and every
     * outstanding reset link is void. Throttled like sign-in: a wrong current password is a failed attempt.
     */
    async changePassword(actor: Actor, input: TChangePasswordRequest, currentSessionToken: string | null, ip: string) {
      requireSession(actor);
      const u = await findActorUser(actor);
      const ok = await checkPassword(u.email.toLowerCase(), ip, u.passwordHash, input.currentPassword, !u.disabledAt);
      if (!ok) throw invalid('currentPassword', m.incorrect);
      const passwordHash = await hashPassword(input.newPassword);
      await db.transaction(async (tx) => {
        await repo.setPasswordHash(tx, u.orgId, u.id, passwordHash);
        await repo.deleteUserSessions(tx, u.orgId, u.id, currentSessionToken ? sha256(currentSessionToken) : null);
        await repo.useUpResets(tx, u.orgId, u.id, clock.now());
        await recordAudit(tx, clock, actor, { entityType: 'user', entityId: u.id, action: 'password_changed' });
      });
      cache.clear();
    },

    /** Always succeeds from the caller's view, so it cannot be used to learn which e-mails exist. */
    async requestPasswordReset(email: string) {
      const u = await repo.findUserByEmail(db, email);
      if (!u || u.disabledAt) return;
      // At most a few reset mails an hour per user, so the form cannot be used to flood someone's inbox.
      if ((await repo.countResetsSince(db, u.orgId, u.id, new Date(clock.now().getTime() - 3600_000))) >= MAX_RESETS_PER_HOUR) return;
      const token = randomToken();
      await db.transaction(async (tx) => {
        await repo.insertPasswordReset(tx, u.orgId, {
          id: sha256(token),
          userId: u.id,
          createdAt: clock.now(),
          expiresAt: new Date(clock.now().getTime() + RESET_TTL_MS),
        });
        const link = `${deps.publicUrl}/reset-password?token=${token}`;
        await enqueueEmail(tx, clock, { orgId: u.orgId, to: u.email, ...renderPasswordResetEmail(u.language, u.name, link) });
      });
    },

    /** Sets the password from a link: the link and every other outstanding one are used up, and all sessions end. */
    async confirmPasswordReset(input: { token: string; password: string }) {
      const id = sha256(input.token);
      const passwordHash = await hashPassword(input.password);
      await db.transaction(async (tx) => {
        const reset = await repo.findPasswordReset(tx, id);
        if (!reset || reset.usedAt || reset.expiresAt.getTime() <= clock.now().getTime()) throw invalid('token', m.reset_link_invalid);
        await repo.useUpResets(tx, reset.orgId, reset.userId, clock.now());
        await repo.setPasswordHash(tx, reset.orgId, reset.userId, passwordHash);
        await repo.deleteUserSessions(tx, reset.orgId, reset.userId);
      });
      cache.clear();
    },
  };

  async function findActorUser(actor: Actor) {
    const u = await findUserById(db, actor.orgId, actor.userId);
    if (!u) throw new AppError('NOT_FOUND', { entry: m.user_not_found });
    return u;
  }
}
