import type { TFixtureMaker, TRouteSpec } from '../../platform/access/route-spec.ts';

/** How the access-matrix and bad-input suites exercise the renewal-opportunities routes (test/security/). */
export const renewalOpportunitiesAccessMatrix: Record<string, TRouteSpec> = {
  'GET /api/v1/renewal-opportunities': { permissions: ['renewal_opportunity:read'] },
  'GET /api/v1/renewal-opportunities/export.csv': { permissions: ['renewal_opportunity:read', 'export:run'] },
  'GET /api/v1/renewal-opportunities/board': { permissions: ['renewal_opportunity:read'] },
  'GET /api/v1/accounts/:id/renewal-opportunities': { permissions: ['renewal_opportunity:read'], id: 'account', accountScoped: true },
  'POST /api/v1/subscriptions/:id/renewal-opportunity': {
    permissions: ['renewal_opportunity:read', 'renewal_opportunity:write'],
    id: 'renewableSubscription',
    accountScoped: true,
  },
  'GET /api/v1/renewal-opportunities/:id': { permissions: ['renewal_opportunity:read'], id: 'renewalOpportunity', accountScoped: true },
  'PATCH /api/v1/renewal-opportunities/:id': {
    permissions: ['renewal_opportunity:read', 'renewal_opportunity:write'],
    id: 'renewalOpportunity',
    accountScoped: true,
    body: () => ({ stage: 'contacted' }),
  },
  'GET /api/v1/renewal-settings': { permissions: ['renewal_opportunity:read'] },
  'PUT /api/v1/renewal-settings': { permissions: ['renewal_settings:manage'], body: () => ({ leadDays: 90 }) },
  'GET /api/v1/renewal-settings/email-templates': { permissions: ['renewal_settings:manage'] },
  'PUT /api/v1/renewal-settings/email-templates': {
    permissions: ['renewal_settings:manage'],
    body: () => ({ kind: 'reminder', language: 'nl', subject: 'Verlenging {accountName}', body: 'Beste {contactName}' }),
  },
  'POST /api/v1/renewal-settings/email-templates/reset': {
    permissions: ['renewal_settings:manage'],
    body: () => ({ kind: 'reminder', language: 'nl' }),
  },
  'POST /api/v1/renewal-settings/email-templates/preview': {
    permissions: ['renewal_settings:manage'],
    body: () => ({ kind: 'confirmation', language: 'da', subject: 'Fornyet', body: 'Kære {contactName}' }),
  },
};

const renewable = (make: TFixtureMaker) =>
  make.post(`/api/v1/accounts/${make.fixtures.account}/subscriptions`, {
    currency: 'EUR',
    intervalMonths: 12,
    termStart: '2026-01-01',
    termEnd: '2030-12-31',
    autoRenew: false,
    lines: [{ description: 'Seats', quantity: 2, unitPrice: 600 }],
  });

/** The fixtures the routes above name, made in each test organisation: a subscription with a term end, and its renewal. */
export const renewalOpportunitiesAccessFixtures = {
  renewableSubscription: renewable,
  renewalOpportunity: async (make: TFixtureMaker) => make.post(`/api/v1/subscriptions/${await renewable(make)}/renewal-opportunity`, {}),
};
