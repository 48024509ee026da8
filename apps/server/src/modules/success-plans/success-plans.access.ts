import type { TFixtureMaker, TRouteSpec } from '../../platform/access/route-spec.ts';

const objective = () => ({ title: 'More leads', metric: 'leads', baseline: 100, target: 150, unit: 'leads/month' });

/** How the access-matrix and bad-input suites exercise the success-plans routes (test/security/). */
export const successPlansAccessMatrix: Record<string, TRouteSpec> = {
  'GET /api/v1/success-objectives': { permissions: ['success_plan:read'] },
  'GET /api/v1/success-objectives/export.csv': { permissions: ['success_plan:read', 'export:run'] },
  'GET /api/v1/accounts/:id/success-plan': { permissions: ['success_plan:read'], id: 'account', accountScoped: true },
  'GET /api/v1/accounts/:id/success-plan.pdf': { permissions: ['success_plan:read'], id: 'account', accountScoped: true },
  'POST /api/v1/accounts/:id/success-objectives': {
    permissions: ['success_plan:write'],
    id: 'account',
    accountScoped: true,
    body: objective,
  },
  'GET /api/v1/success-objectives/:id': { permissions: ['success_plan:read'], id: 'successObjective', accountScoped: true },
  'PATCH /api/v1/success-objectives/:id': {
    permissions: ['success_plan:write'],
    id: 'successObjective',
    accountScoped: true,
    body: () => ({ status: 'at_risk' }),
  },
  'POST /api/v1/success-objectives/:id/progress': {
    permissions: ['success_plan:write'],
    id: 'successObjective',
    accountScoped: true,
    body: () => ({ value: 120 }),
  },
  'POST /api/v1/success-objectives/:id/measure': { permissions: ['success_plan:write'], id: 'successLinkedObjective', accountScoped: true },
  'DELETE /api/v1/success-objectives/:id': { permissions: ['success_plan:write'], id: 'successObjective', accountScoped: true, late: 3 },
  'POST /api/v1/accounts/:id/success-value-items': {
    permissions: ['success_plan:write'],
    id: 'account',
    accountScoped: true,
    body: () => ({ description: 'Extra deals', amount: 1000, deliveredOn: '2026-01-15' }),
  },
  'DELETE /api/v1/success-value-items/:id': { permissions: ['success_plan:write'], id: 'successValueItem', accountScoped: true, late: 3 },
};

/** The objective and value item the suites' `:id` routes use, made in each test organisation. */
export const successPlansAccessFixtures = {
  successObjective: (make: TFixtureMaker) => make.post(`/api/v1/accounts/${make.fixtures.account}/success-objectives`, objective()),
  successLinkedObjective: (make: TFixtureMaker) =>
    make.post(`/api/v1/accounts/${make.fixtures.account}/success-objectives`, {
      ...objective(),
      source: 'usage_event',
      sourceKey: 'lead.created',
    }),
  successValueItem: (make: TFixtureMaker) =>
    make.post(`/api/v1/accounts/${make.fixtures.account}/success-value-items`, {
      description: 'Fixture',
      amount: 500,
      deliveredOn: '2026-01-10',
    }),
};
