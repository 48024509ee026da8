import type { TRouteSpec } from '../../platform/access/route-spec.ts';

/** How the access-matrix and bad-input suites exercise the contacts routes (test/security/). */
export const contactAccessMatrix: Record<string, TRouteSpec> = {
  'GET /api/v1/contacts': { permissions: ['contact:read'] },
  'GET /api/v1/contacts/export.csv': { permissions: ['contact:read', 'export:run'] },
  'GET /api/v1/accounts/:id/contacts': { permissions: ['contact:read'], id: 'account' },
  'POST /api/v1/accounts/:id/contacts': {
    permissions: ['contact:write'],
    id: 'account',
    accountScoped: true,
    body: () => ({ firstName: 'Ada', lastName: 'Lovelace' }),
  },
  'GET /api/v1/contacts/:id': { permissions: ['contact:read'], id: 'contact', accountScoped: true },
  'PATCH /api/v1/contacts/:id': { permissions: ['contact:write'], id: 'contact', accountScoped: true, body: () => ({ jobTitle: 'CTO' }) },
  'DELETE /api/v1/contacts/:id': { permissions: ['contact:write'], id: 'contact', accountScoped: true, late: 3 },
};
