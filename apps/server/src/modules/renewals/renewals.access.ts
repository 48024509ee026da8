import type { TRouteSpec } from '../../platform/access/route-spec.ts';

/** How the access-matrix and bad-input suites exercise the renewals routes (test/security/). */
export const renewalsAccessMatrix: Record<string, TRouteSpec> = {
  'GET /api/v1/renewals/report': { permissions: ['renewal:read'] },
  'GET /api/v1/renewals/terms': { permissions: ['renewal:read'] },
  'GET /api/v1/renewals/terms/export.csv': { permissions: ['renewal:read', 'export:run'] },
};
