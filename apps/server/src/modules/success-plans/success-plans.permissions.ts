import { CUSTOMER_TEAM, definePermissions, EVERYONE } from '../../platform/access/permissions.ts';

/**
 * Who may see and change success plans (admins always may): everyone reads them; the customer team writes them,
 * a CSM limited to their own accounts only on those.
 */
export const successPlansPermissions = definePermissions({
  'success_plan:read': EVERYONE,
  'success_plan:write': [...CUSTOMER_TEAM, 'customer_advocate'],
});

declare module '../../platform/access/permissions.ts' {
  interface PermissionRegistry extends Record<keyof typeof successPlansPermissions, true> {}
}
