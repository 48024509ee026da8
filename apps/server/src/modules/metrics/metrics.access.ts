import type { TRouteSpec } from '../../platform/access/route-spec.ts';

/** How the access-matrix and bad-input suites exercise the metrics routes (test/security/). */
export const metricAccessMatrix: Record<string, TRouteSpec> = {
  'GET /api/v1/metrics/mrr': { permissions: ['metrics:read'] },
  'GET /api/v1/metrics/mrr.csv': { permissions: ['metrics:read'] },
  'GET /api/v1/metrics/movements': { permissions: ['metrics:read'] },
  'GET /api/v1/metrics/churn-reasons': { permissions: ['metrics:read', 'subscription:read'] },
  'GET /api/v1/accounts/:id/mrr': { permissions: ['metrics:read'], id: 'account', accountScoped: true },
  'GET /api/v1/metrics/settings': { permissions: ['metrics:read'] },
  'PATCH /api/v1/metrics/settings': { permissions: ['metrics:configure'], body: () => ({ renewalGraceDays: 30 }) },
  'GET /api/v1/metrics/exchange-rates': { permissions: ['metrics:read'] },
  'PUT /api/v1/metrics/exchange-rates': {
    permissions: ['metrics:configure'],
    body: () => ({ rates: [{ currency: 'USD', month: '2024-01', rate: 0.9 }] }),
  },
  'GET /api/v1/metrics/service-costs': { permissions: ['metrics:read'] },
  'PUT /api/v1/metrics/service-costs': {
    permissions: ['metrics:configure'],
    body: () => ({ costs: [{ month: '2024-01', amount: 1000 }] }),
  },
};
