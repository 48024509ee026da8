import { CUSTOMER_TEAM, definePermissions } from '../../platform/access/permissions.ts';

/**
 * Nurture programmes: customer success drives the content, marketing owns the execution. Everyone on the
 * customer side and marketing reads them; the VP of customer success and marketing write, start and pause them.
 */
export const nurturePermissions = definePermissions({
  'nurture:read': [...CUSTOMER_TEAM, 'customer_advocate', 'marketing', 'read_only'],
  'nurture:write': ['vp_cs', 'marketing'],
});

declare module '../../platform/access/permissions.ts' {
  interface PermissionRegistry extends Record<keyof typeof nurturePermissions, true> {}
}
