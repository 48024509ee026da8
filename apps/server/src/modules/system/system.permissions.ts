import { definePermissions } from '../../platform/access/permissions.ts';

/** Who may read the outbox and the job list (admins always may). */
export const systemPermissions = definePermissions({
  'outbox:read': [],
  'job:read': [],
});

declare module '../../platform/access/permissions.ts' {
  interface PermissionRegistry extends Record<keyof typeof systemPermissions, true> {}
}
