import { definePermissions, EVERYONE } from '../../platform/access/permissions.ts';

/**
 * Who may see the revenue figures and change how they are counted (admins always may). A user limited to their
 * own accounts sees the figures of those accounts only.
 */
export const metricsPermissions = definePermissions({
  'metrics:read': EVERYONE,
  'metrics:configure': ['vp_cs'],
});

declare module '../../platform/access/permissions.ts' {
  interface PermissionRegistry extends Record<keyof typeof metricsPermissions, true> {}
}
