import type { TRouteSpec } from '../../platform/access/route-spec.ts';
import { uniq } from '../../platform/access/route-spec.ts';

/** The test password of the harness (test/harness.ts): the matrix's users all have it. */
const TEST_PASSWORD = 'correct horse battery staple';

/** Routes anyone may call without signing in. */
export const identityPublicRoutes = [
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/logout',
  'POST /api/v1/auth/password-reset',
  'POST /api/v1/auth/password-reset/confirm',
];

/** How the access-matrix and bad-input suites exercise the identity routes (test/security/). */
export const identityAccessMatrix: Record<string, TRouteSpec> = {
  'GET /api/v1/auth/me': { permissions: [] },
  'PATCH /api/v1/auth/me': { permissions: [], sessionOnly: true, body: () => ({ language: 'en' }) },
  'POST /api/v1/auth/change-password': {
    permissions: [],
    sessionOnly: true,
    // The right current password, set again: a wrong one would count against the sign-in throttle of the
    // user and the address. The change ends the user's other sessions; the matrix holds one per user.
    body: () => ({ currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD }),
  },
  'GET /api/v1/users': { permissions: ['user:read'] },
  'GET /api/v1/users/export.csv': { permissions: ['user:read', 'export:run'] },
  'POST /api/v1/users': {
    permissions: ['user:manage'],
    body: () => ({ email: `new-${uniq()}@test.example`, name: 'New User', role: 'read_only' }),
  },
  'PATCH /api/v1/users/:id': { permissions: ['user:manage'], id: 'user', body: () => ({ name: 'Renamed User' }) },
  'GET /api/v1/api-tokens': { permissions: ['api_token:manage'] },
  'POST /api/v1/api-tokens': { permissions: ['api_token:manage'], body: () => ({ name: 'Integration', scopes: ['api_token:manage'] }) },
  'DELETE /api/v1/api-tokens/:id': { permissions: ['api_token:manage'], id: 'apiToken', late: 3 },
};
