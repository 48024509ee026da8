import { type TRouteSpec, uniq } from '../../platform/access/route-spec.ts';

/** How the access-matrix and bad-input suites exercise the custom-field routes (test/security/). */
export const customFieldAccessMatrix: Record<string, TRouteSpec> = {
  'GET /api/v1/custom-fields': { permissions: ['account:read'] },
  'POST /api/v1/custom-fields': {
    permissions: ['custom_field:manage'],
    body: () => ({ entity: 'account', key: `f_${uniq()}`, label: 'Field', type: 'text' }),
  },
  'PATCH /api/v1/custom-fields/:id': { permissions: ['custom_field:manage'], id: 'customField', body: () => ({ label: 'Renamed Field' }) },
  'DELETE /api/v1/custom-fields/:id': { permissions: ['custom_field:manage'], id: 'customField', late: 3 },
};
