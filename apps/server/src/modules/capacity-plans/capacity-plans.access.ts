import type { TRouteSpec } from '../../platform/access/route-spec.ts';

/** How the access-matrix and bad-input suites exercise the capacity routes (test/security/). */
export const capacityPlansAccessMatrix: Record<string, TRouteSpec> = {
  'GET /api/v1/capacity': { permissions: ['capacity:read'] },
  'GET /api/v1/capacity/weeks/export.csv': { permissions: ['capacity:read', 'export:run'] },
  'GET /api/v1/capacity/people': { permissions: ['capacity:read'] },
  'GET /api/v1/capacity/people/export.csv': { permissions: ['capacity:read', 'export:run'] },
  'PATCH /api/v1/capacity/settings': { permissions: ['capacity:manage'], body: () => ({ renewalHours: 5 }) },
  'PUT /api/v1/capacity/people/:id': {
    permissions: ['capacity:manage'],
    id: 'user',
    body: () => ({ team: 'customer_success', hoursPerWeek: 30 }),
  },
  'DELETE /api/v1/capacity/people/:id': { permissions: ['capacity:manage'], id: 'user', late: 3, adminStatus: 204 },
};
