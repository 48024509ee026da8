import type { Actor } from '../../platform/access/access.ts';
import type { TPermission, TRole } from '../../platform/access/permissions.ts';
import type { TApiToken, TUser } from './identity.schemas.ts';
import type { apiTokens, users } from './identity.table.ts';

/** Rows to what the API answers, and a user row to the actor a session or token acts as. */

type TUserRow = typeof users.$inferSelect;

export function toUserDto(u: TUserRow): TUser {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role as TRole,
    ownAccountsOnly: u.ownAccountsOnly,
    language: u.language as TUser['language'],
    disabled: u.disabledAt !== null,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}

export const actorFromUser = (u: TUserRow, extra: Partial<Actor> = {}): Actor => ({
  orgId: u.orgId,
  userId: u.id,
  name: u.name,
  role: u.role as TRole,
  ownAccountsOnly: u.ownAccountsOnly,
  ...extra,
});

export function toApiTokenDto(t: typeof apiTokens.$inferSelect, userName: string): TApiToken {
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
