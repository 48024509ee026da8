import { CUSTOMER_TEAM, definePermissions, EVERYONE } from '../../platform/access/permissions.ts';

/** Who may read and log interactions (admins always may). */
export const timelinePermissions = definePermissions({
  'interaction:read': EVERYONE,
  'interaction:write': [...CUSTOMER_TEAM, 'customer_advocate', 'product'],
});

declare module '../../platform/access/permissions.ts' {
  interface PermissionRegistry extends Record<keyof typeof timelinePermissions, true> {}
}
