import { CUSTOMER_TEAM, definePermissions, EVERYONE } from '../../platform/access/permissions.ts';

/**
 * Who may see and change surveys (admins always may). Everyone reads the answers (a user limited to their own
 * accounts reads those accounts' answers only); the VP of customer success and marketing define surveys; the
 * customer team, customer advocates and marketing record answers (by hand, by API, by import).
 */
export const surveysPermissions = definePermissions({
  'survey:read': EVERYONE,
  'survey:manage': ['vp_cs', 'marketing'],
  'survey_response:write': [...CUSTOMER_TEAM, 'customer_advocate', 'marketing'],
});

declare module '../../platform/access/permissions.ts' {
  interface PermissionRegistry extends Record<keyof typeof surveysPermissions, true> {}
}
