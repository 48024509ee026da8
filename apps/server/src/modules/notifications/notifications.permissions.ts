import { definePermissions, EVERYONE } from '../../platform/access/permissions.ts';

/** Everyone reads their own notifications (and only their own). */
export const notificationsPermissions = definePermissions({
  'notification:read': EVERYONE,
});

declare module '../../platform/access/permissions.ts' {
  interface PermissionRegistry extends Record<keyof typeof notificationsPermissions, true> {}
}
