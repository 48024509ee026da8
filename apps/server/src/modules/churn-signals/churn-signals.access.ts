import type { TFixtureMaker, TRouteSpec } from '../../platform/access/route-spec.ts';

/** How the access-matrix and bad-input suites exercise the churn-signals routes (test/security/). */
export const churnSignalsAccessMatrix: Record<string, TRouteSpec> = {
  'GET /api/v1/churn-signals': { permissions: ['churn_signal:read'] },
  'GET /api/v1/churn-signals/settings': { permissions: ['churn_signal:read'] },
  'PUT /api/v1/churn-signals/settings': {
    permissions: ['churn_signal:configure'],
    body: () => ({ usageDropPct: 50, usageWindowDays: 30, noLoginDays: 30 }),
  },
  'GET /api/v1/churn-signals/export.csv': { permissions: ['churn_signal:read', 'export:run'] },
  'GET /api/v1/accounts/:id/churn-signals': { permissions: ['churn_signal:read'], id: 'account', accountScoped: true },
  'POST /api/v1/accounts/:id/churn-signals': {
    permissions: ['churn_signal:write'],
    id: 'account',
    accountScoped: true,
    body: () => ({ note: 'Example' }),
  },
  'GET /api/v1/churn-signals/:id': { permissions: ['churn_signal:read'], id: 'churnSignal', accountScoped: true },
  'POST /api/v1/churn-signals/:id/acknowledge': {
    permissions: ['churn_signal:write'],
    id: 'churnSignal',
    accountScoped: true,
    body: () => ({ note: 'Seen' }),
    late: 3,
  },
};

/** The churn signal the suites' `:id` routes use, made in each test organisation. */
export const churnSignalsAccessFixtures = {
  churnSignal: (make: TFixtureMaker) => make.post(`/api/v1/accounts/${make.fixtures.account}/churn-signals`, { note: 'Fixture' }),
};
