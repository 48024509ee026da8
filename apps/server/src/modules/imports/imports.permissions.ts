import { definePermissions } from '../../platform/access/permissions.ts';

/** Who may run imports (admins always may). */
export const importPermissions = definePermissions({
  'import:run': ['vp_cs', 'support_manager', 'country_manager'],
});

declare module '../../platform/access/permissions.ts' {
  interface PermissionRegistry extends Record<keyof typeof importPermissions, true> {}
}
