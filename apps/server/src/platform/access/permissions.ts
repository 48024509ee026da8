/**
 * Roles, and the registry of permissions. Each module declares its own permissions and the roles that hold
 * them in `<module>.permissions.ts` with `definePermissions`; admins hold every permission. The module list
 * (modules/index.ts) loads them all, so the table is complete before the first request. permissions.test.ts
 * pins the resulting table, so a change to who may do what is always a visible change to that test.
 */
export const ROLES = [
  'admin',
  'vp_cs',
  'csm',
  'cse',
  'support_manager',
  'customer_advocate',
  'country_manager',
  'product',
  'marketing',
  'read_only',
] as const;
export type TRole = (typeof ROLES)[number];

/** Every role. */
export const EVERYONE: readonly TRole[] = ROLES;
/** The roles that work with customers day to day (read and change accounts, contacts, interactions). */
export const CUSTOMER_TEAM: readonly TRole[] = ['admin', 'vp_cs', 'csm', 'cse', 'support_manager', 'country_manager'];

/**
 * The permissions every module adds, by name. A module extends it next to its definePermissions call:
 * `declare module '../../platform/access/permissions.ts' { interface PermissionRegistry extends Record<keyof typeof accountPermissions, true> {} }`
 * so `requirePermission(actor, 'account:read')` is checked by the compiler.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by the modules' declaration merging
export interface PermissionRegistry {}
export type TPermission = keyof PermissionRegistry & string;

const byPermission = new Map<string, ReadonlySet<TRole>>();

/**
 * A module's permissions and the roles that hold each (admin is implied). Names are `thing:verb`; a name
 * defined twice is a programming error.
 */
export function definePermissions<const T extends Record<string, readonly TRole[]>>(grants: T): T {
  for (const [permission, roles] of Object.entries(grants)) {
    if (!/^[a-z_]+:[a-z_]+$/.test(permission)) throw new Error(`Permission "${permission}" is not named thing:verb`);
    const known = byPermission.get(permission);
    const next = new Set<TRole>(['admin', ...roles]);
    if (known && [...next].some((r) => !known.has(r))) throw new Error(`Permission "${permission}" is defined twice`);
    byPermission.set(permission, next);
  }
  return grants;
}

/** Every permission, in a stable order. */
export function allPermissions(): TPermission[] {
  return [...byPermission.keys()].sort() as TPermission[];
}

/** What a role may do, in a stable order. */
export function permissionsOfRole(role: TRole): TPermission[] {
  return allPermissions().filter((p) => byPermission.get(p)?.has(role));
}

export function roleHas(role: TRole, permission: TPermission): boolean {
  return byPermission.get(permission)?.has(role) ?? false;
}
