import { type TFixtureMaker, type TRouteSpec, uniq } from '../../platform/access/route-spec.ts';

/** How the access-matrix and bad-input suites exercise the catalogue routes (test/security/). */
export const planAccessMatrix: Record<string, TRouteSpec> = {
  'GET /api/v1/products': { permissions: ['plan:read'] },
  'POST /api/v1/products': { permissions: ['plan:write'], body: () => ({ name: `Product ${uniq()}`, kind: 'addon' }) },
  'GET /api/v1/products/:id': { permissions: ['plan:read'], id: 'product' },
  'PATCH /api/v1/products/:id': { permissions: ['plan:write'], id: 'product', body: () => ({ description: 'Edited' }) },
  'DELETE /api/v1/products/:id': { permissions: ['plan:write'], id: 'product', late: 5 },
  'GET /api/v1/features': { permissions: ['plan:read'] },
  'POST /api/v1/features': { permissions: ['plan:write'], body: () => ({ key: `f_${uniq()}`, name: 'Feature', groupName: 'Group' }) },
  'PATCH /api/v1/features/:id': { permissions: ['plan:write'], id: 'feature', body: () => ({ description: 'Edited' }) },
  'DELETE /api/v1/features/:id': { permissions: ['plan:write'], id: 'feature', late: 4 },
  'GET /api/v1/plans': { permissions: ['plan:read'] },
  'GET /api/v1/plans/export.csv': { permissions: ['plan:read', 'export:run'] },
  'GET /api/v1/plans/comparison': { permissions: ['plan:read'] },
  'GET /api/v1/plans/:id': { permissions: ['plan:read'], id: 'plan' },
  'POST /api/v1/products/:id/plans': {
    permissions: ['plan:write'],
    id: 'product',
    body: () => ({
      code: `P-${uniq()}`,
      name: 'Plan',
      prices: [{ currency: 'EUR', intervalMonths: 1, amount: 10 }],
    }),
  },
  'PATCH /api/v1/plans/:id': { permissions: ['plan:write'], id: 'plan', body: () => ({ description: 'Edited' }) },
  'PUT /api/v1/plans/:id/prices': {
    permissions: ['plan:write'],
    id: 'plan',
    body: () => ({ prices: [{ currency: 'EUR', intervalMonths: 12, amount: 100 }] }),
  },
  'PUT /api/v1/plans/:id/features': {
    permissions: ['plan:write'],
    id: 'plan',
    body: (f) => ({ features: [{ featureId: f.feature, isKey: true }] }),
  },
  'DELETE /api/v1/plans/:id': { permissions: ['plan:write'], id: 'plan', late: 4 },
};

/** The product, feature and plan the suites' `:id` routes use, made in each test organisation. */
export const planAccessFixtures = {
  product: (make: TFixtureMaker) => make.post('/api/v1/products', { name: `Fixture product ${uniq()}`, kind: 'edition' }),
  feature: (make: TFixtureMaker) => make.post('/api/v1/features', { key: `fixture_${uniq()}`, name: 'Fixture feature' }),
  plan: (make: TFixtureMaker) =>
    make.post(`/api/v1/products/${make.fixtures.product}/plans`, {
      code: `FX-${uniq()}`,
      name: 'Fixture plan',
      prices: [{ currency: 'EUR', intervalMonths: 1, amount: 49 }],
      features: [{ featureId: make.fixtures.feature }],
    }),
};
