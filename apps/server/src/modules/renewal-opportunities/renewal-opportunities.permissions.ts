import { CUSTOMER_TEAM, definePermissions, EVERYONE } from '../../platform/access/permissions.ts';

/** Who may see and work renewal opportunities, and set the renewal settings (admins always may). */
export const renewalOpportunitiesPermissions = definePermissions({
  'renewal_opportunity:read': EVERYONE,
  'renewal_opportunity:write': CUSTOMER_TEAM,
  /** Lead time and reminder offsets: the people who run the renewal process. */
  'renewal_settings:manage': ['vp_cs'],
});

declare module '../../platform/access/permissions.ts' {
  interface PermissionRegistry extends Record<keyof typeof renewalOpportunitiesPermissions, true> {}
}
