import { definePermissions } from '../../platform/access/permissions.ts';

/** Who may define custom fields (admins always may). */
export const customFieldPermissions = definePermissions({
  'custom_field:manage': [],
});

declare module '../../platform/access/permissions.ts' {
  interface PermissionRegistry extends Record<keyof typeof customFieldPermissions, true> {}
}
