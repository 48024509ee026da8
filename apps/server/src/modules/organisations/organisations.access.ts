import { nextSpecNumber, type TRouteSpec } from '../../platform/access/route-spec.ts';

/** A country code no earlier request of the suite has used (a market's code is unique per organisation). */
const marketCode = () => {
  const i = nextSpecNumber();
  return `${String.fromCharCode(65 + (((i / 26) | 0) % 26))}${String.fromCharCode(65 + (i % 26))}`;
};

/** How the access-matrix and bad-input suites exercise the organisation and market routes (test/security/). */
export const organisationAccessMatrix: Record<string, TRouteSpec> = {
  'GET /api/v1/organisation': { permissions: [] },
  'PATCH /api/v1/organisation': { permissions: ['organisation:manage'], body: () => ({ defaultLanguage: 'en' }) },
  'GET /api/v1/markets': { permissions: ['market:read'] },
  'POST /api/v1/markets': {
    permissions: ['market:manage'],
    body: () => ({ code: marketCode(), name: 'Market', language: 'en', currency: 'EUR' }),
  },
  'PATCH /api/v1/markets/:id': { permissions: ['market:manage'], id: 'market', body: () => ({ name: 'Renamed Market' }) },
};
