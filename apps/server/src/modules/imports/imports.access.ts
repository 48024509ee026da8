import type { TRouteSpec } from '../../platform/access/route-spec.ts';
import { importUpload } from './imports.factory.ts';

/** How the access-matrix and bad-input suites exercise the import routes (test/security/). */
export const importAccessMatrix: Record<string, TRouteSpec> = {
  'POST /api/v1/imports': { permissions: ['import:run'], raw: () => importUpload('accounts', 'name,domain\r\nAcme,acme.example\r\n') },
  'GET /api/v1/imports': { permissions: ['import:run'] },
  'GET /api/v1/imports/export.csv': { permissions: ['import:run', 'export:run'] },
  'GET /api/v1/imports/:id': { permissions: ['import:run'], id: 'import' },
  'PUT /api/v1/imports/:id/mapping': {
    permissions: ['import:run'],
    id: 'import',
    body: () => ({ mapping: { name: 'name', domain: 'domain' } }),
  },
  // The fixture import is never validated (that runs in the worker), so starting it is a conflict even for an admin.
  'POST /api/v1/imports/:id/start': { permissions: ['import:run'], id: 'import', body: () => ({ mode: 'skip_invalid' }), adminStatus: 409 },
  'DELETE /api/v1/imports/:id': { permissions: ['import:run'], id: 'import', late: 3 },
  'GET /api/v1/imports/:id/errors': { permissions: ['import:run'], id: 'import' },
  'GET /api/v1/imports/:id/errors.csv': { permissions: ['import:run'], id: 'import' },
};
