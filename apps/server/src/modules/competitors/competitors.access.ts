import { type TFixtureMaker, type TRouteSpec, uniq } from '../../platform/access/route-spec.ts';

/** How the access-matrix and bad-input suites exercise the competitors routes (test/security/). */
export const competitorsAccessMatrix: Record<string, TRouteSpec> = {
  'GET /api/v1/competitors': { permissions: ['competitor:read'] },
  'POST /api/v1/competitors': {
    permissions: ['competitor:write'],
    body: () => ({ name: `Rival ${uniq()}`, website: 'https://rival.example' }),
  },
  'GET /api/v1/competitors/comparison': { permissions: ['competitor:read'] },
  'GET /api/v1/competitors/:id': { permissions: ['competitor:read'], id: 'competitor' },
  'PATCH /api/v1/competitors/:id': { permissions: ['competitor:write'], id: 'competitor', body: () => ({ notes: 'Edited' }) },
  'DELETE /api/v1/competitors/:id': { permissions: ['competitor:write'], id: 'competitor', late: 6 },
  'GET /api/v1/competitors/:id/accounts': { permissions: ['competitor:read'], id: 'competitor' },
  'POST /api/v1/competitors/:id/plans': {
    permissions: ['competitor:write'],
    id: 'competitor',
    body: () => ({ name: `Growth ${uniq()}`, prices: [{ currency: 'EUR', intervalMonths: 1, amount: 99 }] }),
  },
  'PATCH /api/v1/competitor-plans/:id': { permissions: ['competitor:write'], id: 'competitorPlan', body: () => ({ notes: 'Edited' }) },
  'DELETE /api/v1/competitor-plans/:id': { permissions: ['competitor:write'], id: 'competitorPlan', late: 4 },
  'GET /api/v1/accounts/:id/competitors': { permissions: ['competitor:read'], id: 'account', accountScoped: true },
  'POST /api/v1/accounts/:id/competitors': {
    permissions: ['account_competitor:write'],
    id: 'account',
    accountScoped: true,
    // Not the competitor the fixture link uses: an account is linked to a competitor once (a second time is a 409).
    body: (f) => ({ competitorId: f.competitorForLink, status: 'evaluating', since: '2026-01-15' }),
  },
  'PATCH /api/v1/account-competitors/:id': {
    permissions: ['account_competitor:write'],
    id: 'accountCompetitor',
    accountScoped: true,
    body: () => ({ note: 'Edited' }),
  },
  'DELETE /api/v1/account-competitors/:id': {
    permissions: ['account_competitor:write'],
    id: 'accountCompetitor',
    accountScoped: true,
    late: 4,
  },
};

/** The competitor, its plan and an account's link to it that the suites' `:id` routes use. */
export const competitorsAccessFixtures = {
  competitor: (make: TFixtureMaker) => make.post('/api/v1/competitors', { name: `Fixture rival ${uniq()}` }),
  competitorPlan: (make: TFixtureMaker) =>
    make.post(`/api/v1/competitors/${make.fixtures.competitor}/plans`, {
      name: 'Fixture plan',
      comparablePlanId: make.fixtures.plan,
      prices: [{ currency: 'EUR', intervalMonths: 12, amount: 990 }],
    }),
  accountCompetitor: (make: TFixtureMaker) =>
    make.post(`/api/v1/accounts/${make.fixtures.account}/competitors`, { competitorId: make.fixtures.competitor, status: 'uses' }),
  competitorForLink: (make: TFixtureMaker) => make.post('/api/v1/competitors', { name: `Link rival ${uniq()}` }),
};
