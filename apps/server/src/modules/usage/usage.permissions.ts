import { definePermissions } from '../../platform/access/permissions.ts';

/** Who may manage usage sources, write keys and account mapping, and send events through the native API: admins only. */
export const usagePermissions = definePermissions({
  'usage:manage': [],
  'usage:write': [],
});

declare module '../../platform/access/permissions.ts' {
  interface PermissionRegistry extends Record<keyof typeof usagePermissions, true> {}
}
