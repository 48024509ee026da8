import type { TRouteSpec } from '../../platform/access/route-spec.ts';

/** How the access-matrix and bad-input suites exercise the upsell-candidates routes (test/security/). */
export const upsellCandidatesAccessMatrix: Record<string, TRouteSpec> = {
  'GET /api/v1/upsell-candidates': { permissions: ['upsell_candidate:read'] },
  'GET /api/v1/upsell-candidates/export.csv': { permissions: ['upsell_candidate:read', 'export:run'] },
  'GET /api/v1/accounts/:id/upsell': { permissions: ['upsell_candidate:read'], id: 'account', accountScoped: true },
  'GET /api/v1/upsell-candidates/settings': { permissions: ['upsell_candidate:read'] },
  'PUT /api/v1/upsell-candidates/settings': {
    permissions: ['upsell_candidate:configure'],
    body: () => ({ limitThresholdPercent: 80 }),
  },
  'POST /api/v1/upsell-candidates/recompute': { permissions: ['upsell_candidate:configure'] },
};
