import { CUSTOMER_TEAM, definePermissions, EVERYONE } from '../../platform/access/permissions.ts';

/** Who may see, make and send quotes, approve them, and manage templates and rules (admins always may). */
export const quotesPermissions = definePermissions({
  'quote:read': EVERYONE,
  /** Create, edit, ask approval for and send quotes: the customer team (CSMs). */
  'quote:write': CUSTOMER_TEAM,
  /** Approve or reject a quote the rules hold back: the directors (VP of customer success). */
  'quote:approve': ['vp_cs'],
  /** Templates (branding, texts per language) and the approval rules. */
  'quote_settings:manage': ['vp_cs'],
});

declare module '../../platform/access/permissions.ts' {
  interface PermissionRegistry extends Record<keyof typeof quotesPermissions, true> {}
}
