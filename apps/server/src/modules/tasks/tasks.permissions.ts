import { CUSTOMER_TEAM, definePermissions, EVERYONE } from '../../platform/access/permissions.ts';

/** Who may see and change tasks (admins always may). */
export const tasksPermissions = definePermissions({
  'task:read': EVERYONE,
  'task:write': [...CUSTOMER_TEAM, 'customer_advocate'],
  /** The team's tasks and workload: the people who lead a team. */
  'task:manage': ['vp_cs', 'support_manager', 'country_manager'],
});

declare module '../../platform/access/permissions.ts' {
  interface PermissionRegistry extends Record<keyof typeof tasksPermissions, true> {}
}
