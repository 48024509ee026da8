import { definePermissions, EVERYONE } from '../../platform/access/permissions.ts';

/** Everyone may see the upsell candidates (of their own accounts when limited to them); admins and the VP of customer success tune them. */
export const upsellCandidatesPermissions = definePermissions({
  'upsell_candidate:read': EVERYONE,
  'upsell_candidate:configure': ['vp_cs'],
});

declare module '../../platform/access/permissions.ts' {
  interface PermissionRegistry extends Record<keyof typeof upsellCandidatesPermissions, true> {}
}
