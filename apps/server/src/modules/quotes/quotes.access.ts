import type { TFixtureMaker, TRouteSpec } from '../../platform/access/route-spec.ts';

/** How the access-matrix and bad-input suites exercise the quotes routes (test/security/). */
export const quotesAccessMatrix: Record<string, TRouteSpec> = {
  'POST /api/v1/renewal-opportunities/:id/quotes': {
    permissions: ['quote:write', 'quote:read', 'renewal_opportunity:read', 'subscription:read'],
    id: 'quoteRenewal',
    accountScoped: true,
    body: () => ({ upliftPercent: 3 }),
  },
  'GET /api/v1/quotes': { permissions: ['quote:read'] },
  'GET /api/v1/quotes/export.csv': { permissions: ['quote:read', 'export:run'] },
  'GET /api/v1/quotes/:id': { permissions: ['quote:read'], id: 'quote', accountScoped: true },
  'PATCH /api/v1/quotes/:id': {
    permissions: ['quote:write', 'quote:read'],
    id: 'quote',
    accountScoped: true,
    body: () => ({ notes: 'Two-year option discussed' }),
  },
  'POST /api/v1/quotes/:id/submit': { permissions: ['quote:write', 'quote:read'], id: 'quote', accountScoped: true, late: 1 },
  'POST /api/v1/quotes/:id/approve': {
    permissions: ['quote:approve', 'quote:read'],
    id: 'quote',
    accountScoped: true,
    late: 2,
    adminStatus: 409,
    body: () => ({ comment: 'Fine' }),
  },
  'POST /api/v1/quotes/:id/reject': {
    permissions: ['quote:approve', 'quote:read'],
    id: 'quote',
    accountScoped: true,
    late: 2,
    adminStatus: 409,
    body: () => ({ comment: 'Too deep a discount' }),
  },
  'POST /api/v1/quotes/:id/send': {
    permissions: ['quote:write', 'quote:read', 'renewal_opportunity:write'],
    id: 'quote',
    accountScoped: true,
    late: 3,
    body: () => ({ to: 'buyer@example.com' }),
  },
  'GET /api/v1/quote-templates': { permissions: ['quote:read'] },
  'POST /api/v1/quote-templates': {
    permissions: ['quote_settings:manage', 'quote:read'],
    body: () => ({ name: 'Partner', language: 'en', companyName: 'Us', introText: 'Hello {contact}', termsText: 'Net 30' }),
  },
  'PATCH /api/v1/quote-templates/:id': {
    permissions: ['quote_settings:manage', 'quote:read'],
    id: 'quoteTemplate',
    body: () => ({ accentColor: '#2f9e44' }),
  },
  'GET /api/v1/quote-settings': { permissions: ['quote:read'] },
  'PUT /api/v1/quote-settings': { permissions: ['quote_settings:manage'], body: () => ({ maxDiscountPercent: 10 }) },
};

/** The customer's link: no session; anything but a valid token is a 404 (quotes.public.test.ts). */
export const quotesPublicRoutes = [
  'GET /api/v1/public/quotes/:token',
  'GET /api/v1/public/quotes/:token/pdf',
  'POST /api/v1/public/quotes/:token/accept',
  'POST /api/v1/public/quotes/:token/decline',
];

const renewal = async (make: TFixtureMaker) => {
  const sub = await make.post(`/api/v1/accounts/${make.fixtures.account}/subscriptions`, {
    currency: 'EUR',
    intervalMonths: 12,
    termStart: '2026-01-01',
    termEnd: '2030-12-31',
    autoRenew: false,
    lines: [{ description: 'Seats', quantity: 2, unitPrice: 600 }],
  });
  return make.post(`/api/v1/subscriptions/${sub}/renewal-opportunity`, {});
};

/** The fixtures the routes above name: a renewal, a quote of it, a template. */
export const quotesAccessFixtures = {
  quoteRenewal: renewal,
  quote: async (make: TFixtureMaker) => make.post(`/api/v1/renewal-opportunities/${await renewal(make)}/quotes`, { upliftPercent: 0 }),
  quoteTemplate: async (make: TFixtureMaker) =>
    make.post('/api/v1/quote-templates', { name: 'Fixture', language: 'nl', companyName: 'Us', introText: 'Hallo', termsText: 'Netto 30' }),
};
