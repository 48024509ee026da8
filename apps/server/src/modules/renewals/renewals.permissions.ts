import { definePermissions, EVERYONE } from '../../platform/access/permissions.ts';

/** Who may see renewal reporting (admins always may). */
export const renewalsPermissions = definePermissions({
  'renewal:read': EVERYONE,
});

declare module '../../platform/access/permissions.ts' {
  interface PermissionRegistry extends Record<keyof typeof renewalsPermissions, true> {}
}
