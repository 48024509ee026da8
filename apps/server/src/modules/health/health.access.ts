import { type TFixtureMaker, type TRouteSpec, uniq } from '../../platform/access/route-spec.ts';
import { DEFAULT_MEASURES } from './health.defaults.ts';

const scorecard = () => ({ name: 'Enterprise', segment: 'enterprise', measures: DEFAULT_MEASURES.slice(0, 2) });

/** How the access-matrix and bad-input suites exercise the health routes (test/security/). */
export const healthAccessMatrix: Record<string, TRouteSpec> = {
  'GET /api/v1/health/measures': { permissions: ['health:read'] },
  'GET /api/v1/health/scorecards': { permissions: ['health:read'] },
  'POST /api/v1/health/scorecards': { permissions: ['health:configure'], body: () => ({ ...scorecard(), segment: `s-${uniq()}` }) },
  'GET /api/v1/health/scorecards/:id': { permissions: ['health:read'], id: 'healthScorecard' },
  'PUT /api/v1/health/scorecards/:id': {
    permissions: ['health:configure'],
    id: 'healthScorecard',
    body: () => ({ ...scorecard(), segment: `s-${uniq()}` }),
  },
  'GET /api/v1/health/settings': { permissions: ['health:read'] },
  'PUT /api/v1/health/settings': { permissions: ['health:configure'], body: () => ({ redMax: 50, yellowMax: 75, unhealthyTargetPct: 25 }) },
  'GET /api/v1/health/portfolio': { permissions: ['health:read'] },
  'GET /api/v1/health/portfolio/poor-health': { permissions: ['health:read'] },
  'GET /api/v1/health/portfolio/poor-health/export.csv': { permissions: ['health:read', 'export:run'] },
  'GET /api/v1/health/portfolio/low-activity': { permissions: ['health:read'] },
  'GET /api/v1/health/portfolio/low-activity/export.csv': { permissions: ['health:read', 'export:run'] },
  'POST /api/v1/health/recompute': { permissions: ['health:configure'] },
  'POST /api/v1/health/evaluate': { permissions: ['health:configure'], body: () => ({ outcome: 'churned' }) },
  'GET /api/v1/accounts/:id/health': { permissions: ['health:read'], id: 'account', accountScoped: true },
  'POST /api/v1/accounts/:id/health/recompute': { permissions: ['health:read'], id: 'account', accountScoped: true },
  'GET /api/v1/accounts/:id/health/pulses': { permissions: ['health:read'], id: 'account', accountScoped: true },
  'POST /api/v1/accounts/:id/health/pulses': {
    permissions: ['health_pulse:write'],
    id: 'account',
    accountScoped: true,
    body: () => ({ value: 70, reason: 'Good call' }),
  },
};

/** A segment's scorecard the suites' `:id` routes use, made in each test organisation. */
export const healthAccessFixtures = {
  healthScorecard: (make: TFixtureMaker) => make.post('/api/v1/health/scorecards', { ...scorecard(), segment: `fixture-${uniq()}` }),
};
