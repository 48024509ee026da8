import { CUSTOMER_TEAM, definePermissions, EVERYONE } from '../../platform/access/permissions.ts';

/** Who may read and change contacts (admins always may). */
export const contactPermissions = definePermissions({
  'contact:read': EVERYONE,
  'contact:write': [...CUSTOMER_TEAM, 'customer_advocate'],
});

declare module '../../platform/access/permissions.ts' {
  interface PermissionRegistry extends Record<keyof typeof contactPermissions, true> {}
}
