import { type TRouteSpec, uniq } from '../../platform/access/route-spec.ts';

/** How the access-matrix and bad-input suites exercise the accounts routes (test/security/). */
export const accountAccessMatrix: Record<string, TRouteSpec> = {
  'GET /api/v1/accounts': { permissions: ['account:read'] },
  'GET /api/v1/accounts/export.csv': { permissions: ['account:read', 'export:run'] },
  'GET /api/v1/accounts/:id': { permissions: ['account:read'], id: 'account', accountScoped: true },
  'POST /api/v1/accounts': { permissions: ['account:write'], body: () => ({ name: `Account ${uniq()}`, employees: 12 }) },
  'PATCH /api/v1/accounts/:id': { permissions: ['account:write'], id: 'account', accountScoped: true, body: () => ({ notes: 'Edited' }) },
  'POST /api/v1/accounts/:id/archive': { permissions: ['account:archive'], id: 'account', accountScoped: true, late: 1 },
  'POST /api/v1/accounts/:id/unarchive': { permissions: ['account:archive'], id: 'account', accountScoped: true, late: 2 },
};
