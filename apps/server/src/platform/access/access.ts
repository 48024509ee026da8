import { AppError, forbidden } from '../errors.ts';
import { permissionsOfRole, roleHas, type TPermission, type TRole } from './permissions.ts';

/** Who is acting: a signed-in user, or an integration through an API token (scopes narrow the role). */
export interface Actor {
  orgId: string;
  userId: string;
  name: string;
  role: TRole;
  ownAccountsOnly: boolean;
  /** Set for API-token requests: the token may do only what both its scopes and its user's role allow. */
  tokenScopes?: readonly TPermission[];
  requestId?: string;
}

export function permissionsOf(actor: Actor): TPermission[] {
  const granted = permissionsOfRole(actor.role);
  return actor.tokenScopes ? granted.filter((p) => actor.tokenScopes?.includes(p)) : granted;
}

export function can(actor: Actor, permission: TPermission): boolean {
  return roleHas(actor.role, permission) && (!actor.tokenScopes || actor.tokenScopes.includes(permission));
}

/** First line of every service method: throws 403 unless the actor holds the permission. */
export function requirePermission(actor: Actor, permission: TPermission): void {
  if (!can(actor, permission)) throw forbidden(permission);
}

/** The owner filter for account-scoped reads and writes: null means "all accounts of the organisation". */
export function accountOwnerScope(actor: Actor): string | null {
  return actor.ownAccountsOnly ? actor.userId : null;
}

/**
 * For a single account: a user limited to their own accounts is told "not found" for others,
 * so the existence of other accounts is not confirmed.
 */
export function requireAccountInScope(actor: Actor, account: { ownerUserId: string | null }): void {
  if (actor.ownAccountsOnly && account.ownerUserId !== actor.userId) throw new AppError('NOT_FOUND', 'Account not found');
}
