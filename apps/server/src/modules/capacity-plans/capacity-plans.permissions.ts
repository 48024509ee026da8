import { definePermissions } from '../../platform/access/permissions.ts';

/** The capacity page is for managers; its settings (effort hours, team hours, cost) are the admins' (admins always may). */
export const capacityPlansPermissions = definePermissions({
  'capacity:read': ['vp_cs', 'country_manager', 'support_manager'],
  'capacity:manage': [],
});

declare module '../../platform/access/permissions.ts' {
  interface PermissionRegistry extends Record<keyof typeof capacityPlansPermissions, true> {}
}
