import { CUSTOMER_TEAM, definePermissions, EVERYONE } from '../../platform/access/permissions.ts';

/** Who may see and change churn signals (admins always may). */
export const churnSignalsPermissions = definePermissions({
  'churn_signal:read': EVERYONE,
  'churn_signal:write': CUSTOMER_TEAM,
  /** The usage signals' thresholds. */
  'churn_signal:configure': ['vp_cs'],
});

declare module '../../platform/access/permissions.ts' {
  interface PermissionRegistry extends Record<keyof typeof churnSignalsPermissions, true> {}
}
