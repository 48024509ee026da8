import { CUSTOMER_TEAM, definePermissions } from '../../platform/access/permissions.ts';

/** Who may see playbooks and their run logs, and who may change them and dry-run them (admins always may). */
export const playbooksPermissions = definePermissions({
  'playbook:read': [...CUSTOMER_TEAM, 'read_only'],
  'playbook:write': ['vp_cs'],
});

declare module '../../platform/access/permissions.ts' {
  interface PermissionRegistry extends Record<keyof typeof playbooksPermissions, true> {}
}
