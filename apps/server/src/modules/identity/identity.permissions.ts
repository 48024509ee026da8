import { definePermissions, EVERYONE } from '../../platform/access/permissions.ts';

/** Who may see and manage users and API tokens (admins always may). */
export const identityPermissions = definePermissions({
  'user:read': EVERYONE,
  'user:manage': [],
  'api_token:manage': ['vp_cs', 'csm'],
});

declare module '../../platform/access/permissions.ts' {
  interface PermissionRegistry extends Record<keyof typeof identityPermissions, true> {}
}
