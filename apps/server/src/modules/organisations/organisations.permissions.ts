import { CUSTOMER_TEAM, definePermissions, EVERYONE } from '../../platform/access/permissions.ts';

/** Who may change the organisation's settings, see and manage markets, and export lists (admins always may). */
export const organisationPermissions = definePermissions({
  'organisation:manage': [],
  'market:read': EVERYONE,
  'market:manage': ['country_manager'],
  'export:run': [...CUSTOMER_TEAM, 'product', 'marketing'],
});

declare module '../../platform/access/permissions.ts' {
  interface PermissionRegistry extends Record<keyof typeof organisationPermissions, true> {}
}
