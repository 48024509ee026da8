import { definePermissions, EVERYONE } from '../../platform/access/permissions.ts';

/**
 * Who may see and change the catalogue (admins always may). Everyone reads plans and their comparison (a CSM
 * explains plans to customers); prices and plan contents are decided by the VP of customer success.
 */
export const plansPermissions = definePermissions({
  'plan:read': EVERYONE,
  'plan:write': ['vp_cs'],
});

declare module '../../platform/access/permissions.ts' {
  interface PermissionRegistry extends Record<keyof typeof plansPermissions, true> {}
}
