import { CUSTOMER_TEAM, definePermissions, EVERYONE } from '../../platform/access/permissions.ts';

/** Everyone sees health; the customer team gives pulses; admins and the VP of customer success build and evaluate scorecards. */
export const healthPermissions = definePermissions({
  'health:read': EVERYONE,
  'health_pulse:write': CUSTOMER_TEAM,
  'health:configure': ['vp_cs'],
});

declare module '../../platform/access/permissions.ts' {
  interface PermissionRegistry extends Record<keyof typeof healthPermissions, true> {}
}
