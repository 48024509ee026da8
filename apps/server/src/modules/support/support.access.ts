import type { TFixtureMaker, TRouteSpec } from '../../platform/access/route-spec.ts';

/** How the access-matrix and bad-input suites exercise the support routes (test/security/). */
export const supportAccessMatrix: Record<string, TRouteSpec> = {
  'GET /api/v1/support/requests': { permissions: ['support_request:read'] },
  'GET /api/v1/support/requests/export.csv': { permissions: ['support_request:read', 'export:run'] },
  'POST /api/v1/support/requests': {
    permissions: ['support_request:read', 'support_request:write'],
    idsInBody: true,
    accountScoped: true,
    body: (f) => ({ accountId: f.account, subject: 'Export fails', body: 'The export stops at 10,000 rows.' }),
  },
  'GET /api/v1/support/settings': { permissions: ['support_request:read'] },
  'PUT /api/v1/support/settings': {
    permissions: ['support_request:read', 'support_request:configure'],
    late: 2,
    body: () => ({
      targets: {
        low: { firstResponseMinutes: 1440, resolutionMinutes: 10080 },
        normal: { firstResponseMinutes: 480, resolutionMinutes: 4320 },
        high: { firstResponseMinutes: 240, resolutionMinutes: 1440 },
        urgent: { firstResponseMinutes: 60, resolutionMinutes: 480 },
      },
    }),
  },
  'GET /api/v1/support/requests/:id': { permissions: ['support_request:read'], id: 'supportRequest', accountScoped: true },
  'PATCH /api/v1/support/requests/:id': {
    permissions: ['support_request:read', 'support_request:write'],
    id: 'supportRequest',
    accountScoped: true,
    body: () => ({ priority: 'high' }),
  },
  'POST /api/v1/support/requests/:id/messages': {
    permissions: ['support_request:read', 'support_request:write'],
    id: 'supportRequest',
    accountScoped: true,
    body: () => ({ body: 'Checked with the team', kind: 'note' }),
  },
  'GET /api/v1/accounts/:id/support-requests': { permissions: ['support_request:read'], id: 'account', accountScoped: true },
};

/** The support request the suites' `:id` routes use, made in each test organisation. */
export const supportAccessFixtures = {
  supportRequest: (make: TFixtureMaker) =>
    make.post('/api/v1/support/requests', { accountId: make.fixtures.account, subject: 'Fixture', body: 'Fixture request' }),
};
