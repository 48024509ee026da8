import { CUSTOMER_TEAM, definePermissions, EVERYONE } from '../../platform/access/permissions.ts';

/**
 * Who may see and change the competition (admins always may): everyone reads; the competitor list and its
 * prices are kept by the VP of customer success, product and marketing; whoever works with an account records
 * which competitors it uses or evaluates.
 */
export const competitorsPermissions = definePermissions({
  'competitor:read': EVERYONE,
  'competitor:write': ['vp_cs', 'product', 'marketing'],
  'account_competitor:write': CUSTOMER_TEAM,
});

declare module '../../platform/access/permissions.ts' {
  interface PermissionRegistry extends Record<keyof typeof competitorsPermissions, true> {}
}
