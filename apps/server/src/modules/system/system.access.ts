import type { TRouteSpec } from '../../platform/access/route-spec.ts';

/** How the access-matrix and bad-input suites exercise the outbox and job routes (test/security/). */
export const systemAccessMatrix: Record<string, TRouteSpec> = {
  'GET /api/v1/outbox': { permissions: ['outbox:read'] },
  'GET /api/v1/outbox/export.csv': { permissions: ['outbox:read', 'export:run'] },
  'GET /api/v1/outbox/:id': { permissions: ['outbox:read'], id: 'outbox' },
  'GET /api/v1/jobs': { permissions: ['job:read'] },
  'GET /api/v1/jobs/export.csv': { permissions: ['job:read', 'export:run'] },
};
