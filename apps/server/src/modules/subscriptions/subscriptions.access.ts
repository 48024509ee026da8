import type { TFixtureMaker, TRouteSpec } from '../../platform/access/route-spec.ts';
import { uniq } from '../../platform/access/route-spec.ts';

/** How the access-matrix and bad-input suites exercise the subscriptions routes (test/security/). */
export const subscriptionAccessMatrix: Record<string, TRouteSpec> = {
  'GET /api/v1/subscriptions/export.csv': { permissions: ['subscription:read', 'export:run'] },
  'GET /api/v1/subscriptions': { permissions: ['subscription:read'] },
  'GET /api/v1/accounts/:id/subscriptions': { permissions: ['subscription:read'], id: 'account', accountScoped: true },
  'POST /api/v1/accounts/:id/subscriptions': {
    permissions: ['subscription:write'],
    id: 'account',
    accountScoped: true,
    body: () => ({
      currency: 'EUR',
      intervalMonths: 12,
      termStart: '2025-01-01',
      lines: [{ description: 'Seats', quantity: 3, unitPrice: 1200 }],
    }),
  },
  'GET /api/v1/subscriptions/:id': { permissions: ['subscription:read'], id: 'subscription', accountScoped: true },
  'POST /api/v1/subscriptions/:id/changes': {
    permissions: ['subscription:write'],
    id: 'subscription',
    accountScoped: true,
    body: () => ({ op: 'quantity', lineKey: 'L1', quantity: 4, effectiveDate: '2025-03-01' }),
  },
  'GET /api/v1/subscription-changes/export.csv': { permissions: ['subscription:read', 'export:run'] },
  'GET /api/v1/subscription-changes': { permissions: ['subscription:read'] },
  'GET /api/v1/cancel-reasons': { permissions: ['subscription:read'] },
  'POST /api/v1/cancel-reasons': { permissions: ['cancel_reason:write'], body: () => ({ label: `Reason ${uniq()}` }) },
  'PUT /api/v1/cancel-reasons/:id': {
    permissions: ['cancel_reason:write'],
    id: 'cancelReason',
    body: () => ({ label: `Reason ${uniq()}` }),
  },
};

/** The fixtures the routes above name, made in each test organisation. */
export const subscriptionAccessFixtures: Record<string, (make: TFixtureMaker) => Promise<string>> = {
  subscription: (make) =>
    make.post(`/api/v1/accounts/${make.fixtures.account}/subscriptions`, {
      currency: 'EUR',
      intervalMonths: 1,
      termStart: '2025-01-01',
      lines: [{ description: 'Seats', quantity: 2, unitPrice: 50 }],
    }),
  cancelReason: (make) => make.post('/api/v1/cancel-reasons', { label: `Too expensive ${uniq()}` }),
};
