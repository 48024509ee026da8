import type { TFixtureMaker, TRouteSpec } from '../../platform/access/route-spec.ts';
import { usageCsvUpload } from './usage.factory.ts';

/** How the access-matrix and bad-input suites exercise the usage routes (test/security/). Segment's /v1 API is tested in usage.segment.test.ts. */
export const usageAccessMatrix: Record<string, TRouteSpec> = {
  'GET /api/v1/usage/sources': { permissions: ['usage:manage'] },
  'POST /api/v1/usage/sources': { permissions: ['usage:manage'], body: () => ({ name: 'Web app' }) },
  'POST /api/v1/usage/sources/:id/revoke': { permissions: ['usage:manage'], id: 'usageSource', late: 3 },
  'GET /api/v1/usage/keys': { permissions: ['usage:manage'] },
  'GET /api/v1/usage/keys/export.csv': { permissions: ['usage:manage', 'export:run'] },
  'POST /api/v1/usage/sources/:id/keys/map': {
    permissions: ['usage:manage'],
    id: 'usageSource',
    adminStatus: 400,
    body: (f) => ({ kind: 'group', key: 'never-sent', accountId: f.account }),
  },
  'POST /api/v1/usage/sources/:id/keys/ignore': {
    permissions: ['usage:manage'],
    id: 'usageSource',
    adminStatus: 400,
    body: () => ({ kind: 'group', key: 'never-sent', ignored: true }),
  },
  'GET /api/v1/usage/settings': { permissions: ['usage:manage'] },
  'PUT /api/v1/usage/settings': { permissions: ['usage:manage'], body: () => ({ retentionMonths: 25 }) },
  'GET /api/v1/accounts/:id/adoption': { permissions: ['usage:read'], id: 'account', accountScoped: true },
  'GET /api/v1/usage/adoption/features': { permissions: ['usage:read'] },
  'GET /api/v1/usage/adoption/features/export.csv': { permissions: ['usage:read', 'export:run'] },
  'GET /api/v1/usage/key-features': { permissions: ['usage:manage'] },
  'PUT /api/v1/usage/key-features': { permissions: ['usage:manage'], body: () => ({ items: [{ event: 'Report created', planId: null }] }) },
  'GET /api/v1/usage/adoption/settings': { permissions: ['usage:manage'] },
  'PUT /api/v1/usage/adoption/settings': {
    permissions: ['usage:manage'],
    body: () => ({ lowActivityDays: 14, lowActivityDropPercent: 50, poorBreadthPercent: 40, poorLicencePercent: 50 }),
  },
  'POST /api/v1/usage/events': {
    permissions: ['usage:write'],
    body: () => ({ events: [{ accountExternalId: 'matrix-unknown', event: 'Logged in', userId: 'u1' }] }),
  },
  'POST /api/v1/usage/events/import': {
    permissions: ['usage:write'],
    raw: () => usageCsvUpload('account_external_id,event,user_id\nmatrix-unknown,Logged in,u1\n'),
  },
};

/** The usage source the suites' `:id` routes use, made in each test organisation. */
export const usageAccessFixtures = {
  usageSource: (make: TFixtureMaker) => make.post('/api/v1/usage/sources', { name: 'Fixture' }),
};
