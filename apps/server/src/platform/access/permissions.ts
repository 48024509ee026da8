/**
 * Roles → permissions, table-driven. One place decides what each role may read and change;
 * permissions.test.ts pins the table. A user with `ownAccountsOnly` is further limited to accounts
 * they own, whatever their role grants.
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

export const PERMISSIONS = [
  'account:read',
  'account:write',
  'account:archive',
  'contact:read',
  'contact:write',
  'interaction:read',
  'interaction:write',
  'import:run',
  'export:run',
  'custom_field:manage',
  'market:read',
  'market:manage',
  'user:read',
  'user:manage',
  'organisation:manage',
  'audit:read',
  'outbox:read',
  'job:read',
  'api_token:manage',
] as const;
export type TPermission = (typeof PERMISSIONS)[number];

const READ_CUSTOMERS: TPermission[] = ['account:read', 'contact:read', 'interaction:read', 'market:read', 'user:read'];
const WORK_CUSTOMERS: TPermission[] = [...READ_CUSTOMERS, 'account:write', 'contact:write', 'interaction:write', 'export:run'];

export const ROLE_PERMISSIONS: Record<TRole, readonly TPermission[]> = {
  admin: PERMISSIONS,
  vp_cs: [...WORK_CUSTOMERS, 'account:archive', 'import:run', 'audit:read', 'api_token:manage'],
  csm: [...WORK_CUSTOMERS, 'api_token:manage'],
  cse: [...WORK_CUSTOMERS],
  support_manager: [...WORK_CUSTOMERS, 'import:run'],
  customer_advocate: [...READ_CUSTOMERS, 'contact:write', 'interaction:write'],
  country_manager: [...WORK_CUSTOMERS, 'account:archive', 'import:run', 'market:manage'],
  product: [...READ_CUSTOMERS, 'interaction:write', 'export:run'],
  marketing: [...READ_CUSTOMERS, 'export:run'],
  read_only: READ_CUSTOMERS,
};

export function roleHas(role: TRole, permission: TPermission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
