import { definePermissions, EVERYONE } from '../../platform/access/permissions.ts';

/**
 * Who may see and handle support requests (admins always may). Customer advocates and the support manager handle
 * them; everyone reads (a CSM limited to their own accounts reads their accounts' requests only).
 */
export const supportPermissions = definePermissions({
  'support_request:read': EVERYONE,
  'support_request:write': ['support_manager', 'customer_advocate'],
  /** The SLA targets. */
  'support_request:configure': ['support_manager'],
});

declare module '../../platform/access/permissions.ts' {
  interface PermissionRegistry extends Record<keyof typeof supportPermissions, true> {}
}
