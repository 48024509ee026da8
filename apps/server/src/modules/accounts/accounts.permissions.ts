import { CUSTOMER_TEAM, definePermissions, EVERYONE } from '../../platform/access/permissions.ts';

/** Who may read, change and archive accounts (admins always may). */
export const accountPermissions = definePermissions({
  'account:read': EVERYONE,
  'account:write': CUSTOMER_TEAM,
  'account:archive': ['vp_cs', 'country_manager'],
});

declare module '../../platform/access/permissions.ts' {
  interface PermissionRegistry extends Record<keyof typeof accountPermissions, true> {}
}
