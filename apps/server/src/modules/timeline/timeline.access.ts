import type { TRouteSpec } from '../../platform/access/route-spec.ts';

/** How the access-matrix and bad-input suites exercise the timeline routes (test/security/). */
export const timelineAccessMatrix: Record<string, TRouteSpec> = {
  'GET /api/v1/accounts/:id/timeline': { permissions: ['interaction:read'], id: 'account', accountScoped: true },
  'GET /api/v1/accounts/:id/timeline/export.csv': { permissions: ['interaction:read', 'export:run'], id: 'account', accountScoped: true },
  'POST /api/v1/accounts/:id/interactions': {
    permissions: ['interaction:write'],
    id: 'account',
    accountScoped: true,
    body: () => ({ kind: 'note', subject: 'Quarterly review' }),
  },
  'DELETE /api/v1/interactions/:id': { permissions: ['interaction:write'], id: 'interaction', accountScoped: true, late: 3 },
};
