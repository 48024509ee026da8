import { CUSTOMER_TEAM, definePermissions, EVERYONE } from '../../platform/access/permissions.ts';

/** Who may see and change subscriptions (admins always may). Cancel reasons are the admins' list. */
export const subscriptionsPermissions = definePermissions({
  'subscription:read': EVERYONE,
  'subscription:write': CUSTOMER_TEAM,
  'cancel_reason:write': [],
});

declare module '../../platform/access/permissions.ts' {
  interface PermissionRegistry extends Record<keyof typeof subscriptionsPermissions, true> {}
}
