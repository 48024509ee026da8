import { definePermissions, EVERYONE } from '../../platform/access/permissions.ts';

/**
 * Who may manage usage sources, write keys, account mapping, key features and adoption thresholds, and send events
 * through the native API: admins only. Adoption (per account and per feature) is for everyone, as health is.
 */
export const usagePermissions = definePermissions({
  'usage:read': EVERYONE,
  'usage:manage': [],
  'usage:write': [],
});

declare module '../../platform/access/permissions.ts' {
  interface PermissionRegistry extends Record<keyof typeof usagePermissions, true> {}
}
