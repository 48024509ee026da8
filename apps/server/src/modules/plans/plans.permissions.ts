import { CUSTOMER_TEAM, definePermissions, EVERYONE } from '../../platform/access/permissions.ts';

/** Who may see and change plans (admins always may). */
export const plansPermissions = definePermissions({
  'plan:read': EVERYONE,
  'plan:write': CUSTOMER_TEAM,
});

declare module '../../platform/access/permissions.ts' {
  interface PermissionRegistry extends Record<keyof typeof plansPermissions, true> {}
}
