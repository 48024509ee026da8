import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { createApiTokenService } from './api-tokens.service.ts';
import { createAuthCache } from './auth-cache.ts';
import { createSessionService } from './sessions.service.ts';
import { createUserService } from './users.service.ts';

export type IdentityService = ReturnType<typeof createIdentityService>;

/**
 * Identity as one service: sessions (sign-in, throttling, password change and reset), users (profile, list,
 * invitations) and API tokens, sharing one auth cache so a change in one (a disabled user, a revoked token)
 * reaches the others at once. The auth hook resolves actors through it.
 */
export function createIdentityService(deps: { db: Db; clock: Clock; publicUrl: string }) {
  const cache = createAuthCache();
  const sessions = createSessionService({ ...deps, cache });
  const users = createUserService({ ...deps, cache });
  const apiTokens = createApiTokenService({ ...deps, cache });
  return {
    ...sessions,
    ...users,
    ...apiTokens,
    /** Signs in and answers like GET /auth/me, with the new session's secrets for the cookies. */
    async login(input: { email: string; password: string }, ip: string) {
      const { actor, token, csrfToken } = await sessions.login(input, ip);
      return { token, csrfToken, me: await users.me(actor, csrfToken) };
    },
  };
}
