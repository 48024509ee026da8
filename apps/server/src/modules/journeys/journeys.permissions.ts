import { CUSTOMER_TEAM, definePermissions, EVERYONE } from '../../platform/access/permissions.ts';

/** Who may see and work on journeys (admins always may); templates are the admins' and the VP's. */
export const journeysPermissions = definePermissions({
  'journey:read': EVERYONE,
  'journey:write': [...CUSTOMER_TEAM, 'customer_advocate'],
  'journey_template:manage': ['vp_cs'],
});

declare module '../../platform/access/permissions.ts' {
  interface PermissionRegistry extends Record<keyof typeof journeysPermissions, true> {}
}
