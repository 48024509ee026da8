import type { TRouteSpec } from '../../platform/access/route-spec.ts';

/** How the access-matrix and bad-input suites exercise the audit routes (test/security/). */
export const auditAccessMatrix: Record<string, TRouteSpec> = {
  'GET /api/v1/audit-log': { permissions: ['audit:read'] },
  'GET /api/v1/audit-log/export.csv': { permissions: ['audit:read', 'export:run'] },
};
