import { definePermissions } from '../../platform/access/permissions.ts';

/** Who may read the audit log (admins always may). */
export const auditPermissions = definePermissions({
  'audit:read': ['vp_cs'],
});

declare module '../../platform/access/permissions.ts' {
  interface PermissionRegistry extends Record<keyof typeof auditPermissions, true> {}
}
