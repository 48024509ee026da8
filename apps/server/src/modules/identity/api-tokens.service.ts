import { type Actor, permissionsOf, requirePermission } from '../../platform/access/access.ts';
import type { TPermission } from '../../platform/access/permissions.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { recordAudit } from '../audit/index.ts';
import * as repo from './api-tokens.repository.ts';
import { AUTH_CACHE_MS, type AuthCache } from './auth-cache.ts';
import { actorFromUser, toApiTokenDto } from './identity.mappers.ts';
import { identityMessages as m } from './identity.messages.ts';
import type { TCreateApiTokenRequest } from './identity.schemas.ts';
import { randomToken, sha256 } from './passwords.ts';

export type ApiTokenService = ReturnType<typeof createApiTokenService>;

/** An admin sees and revokes every token of the organisation; anyone else only their own. */
const ownerFilter = (actor: Actor) => (actor.role === 'admin' ? null : actor.userId);

/** Scoped, revocable tokens for integrations, and resolving a bearer token to the actor it acts as. */
export function createApiTokenService(deps: { db: Db; clock: Clock; cache: AuthCache }) {
  const { db, clock, cache } = deps;

  return {
    async listApiTokens(actor: Actor) {
      requirePermission(actor, 'api_token:manage');
      const rows = await repo.findApiTokens(db, actor.orgId, ownerFilter(actor));
      return rows.map((r) => toApiTokenDto(r.token, r.userName));
    },

    /** A token may carry only permissions its creator holds; the secret is shown once, only its SHA-256 is kept. */
    async createApiToken(actor: Actor, input: TCreateApiTokenRequest) {
      requirePermission(actor, 'api_token:manage');
      const allowed = permissionsOf(actor);
      const extra = input.scopes.filter((s) => !allowed.includes(s));
      if (extra.length) throw invalid('scopes', m.scope_not_held, { scopes: extra.join(', ') });
      if (input.expiresAt && new Date(input.expiresAt).getTime() <= clock.now().getTime()) throw invalid('expiresAt', m.must_be_future);
      const token = `c365_${randomToken()}`;
      return db.transaction(async (tx) => {
        const row = await repo.insertApiToken(tx, actor.orgId, {
          id: newId(),
          userId: actor.userId,
          name: input.name,
          tokenHash: sha256(token),
          prefix: token.slice(0, 9),
          scopes: [...new Set(input.scopes)],
          createdAt: clock.now(),
          expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
        });
        await recordAudit(tx, clock, actor, {
          entityType: 'api_token',
          entityId: row.id,
          action: 'created',
          after: { name: row.name, scopes: row.scopes },
        });
        return { ...toApiTokenDto(row, actor.name), token };
      });
    },

    async revokeApiToken(actor: Actor, id: string) {
      requirePermission(actor, 'api_token:manage');
      await db.transaction(async (tx) => {
        const row = await repo.revokeApiToken(tx, actor.orgId, id, { userId: ownerFilter(actor), at: clock.now() });
        if (!row) throw new AppError('NOT_FOUND', { entry: m.api_token_not_found });
        await recordAudit(tx, clock, actor, { entityType: 'api_token', entityId: id, action: 'revoked' });
      });
      cache.clear();
    },

    /** The actor a bearer token acts as, or null when unknown, revoked, expired or its user disabled. */
    async actorFromApiToken(token: string, requestId: string): Promise<Actor | null> {
      const tokenHash = sha256(token);
      const now = clock.now().getTime();
      const hit = cache.fresh(`t:${tokenHash}`, now);
      if (hit) return { ...hit.actor, requestId };
      const row = await repo.findApiTokenWithUser(db, tokenHash);
      const expiresAt = row?.token.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
      if (!row || row.token.revokedAt || row.user.disabledAt || expiresAt <= now) return null;
      if (!row.token.lastUsedAt || now - row.token.lastUsedAt.getTime() > 60_000) {
        await repo.touchApiToken(db, row.token.orgId, row.token.id, new Date(now));
      }
      const actor = actorFromUser(row.user, { tokenScopes: row.token.scopes as TPermission[] });
      cache.set(`t:${tokenHash}`, { actor, csrfToken: null, until: now + AUTH_CACHE_MS, expiresAt, lastSeenAt: now });
      return { ...actor, requestId };
    },
  };
}
