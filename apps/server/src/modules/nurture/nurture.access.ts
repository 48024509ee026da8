import type { TFixtureMaker, TRouteSpec } from '../../platform/access/route-spec.ts';
import { nurtureProgrammeInput } from './nurture.factory.ts';

/** How the access-matrix and bad-input suites exercise the nurture routes (test/security/). */
export const nurtureAccessMatrix: Record<string, TRouteSpec> = {
  'GET /api/v1/nurture/programmes': { permissions: ['nurture:read'] },
  'POST /api/v1/nurture/programmes': { permissions: ['nurture:write'], body: () => nurtureProgrammeInput() },
  'GET /api/v1/nurture/programmes/:id': { permissions: ['nurture:read'], id: 'nurtureProgramme' },
  'PATCH /api/v1/nurture/programmes/:id': { permissions: ['nurture:write'], id: 'nurtureProgramme', body: () => ({}) },
  'GET /api/v1/nurture/programmes/:id/contacts': { permissions: ['nurture:read'], id: 'nurtureProgramme' },
  'GET /api/v1/nurture/programmes/:id/contacts/export.csv': { permissions: ['nurture:read', 'export:run'], id: 'nurtureProgramme' },
  'POST /api/v1/nurture/preview': {
    permissions: ['nurture:read'],
    body: () => ({ language: 'en', subject: 'Hi {firstName}', body: 'Hello' }),
  },
  'GET /api/v1/nurture/settings': { permissions: ['nurture:read'] },
  'PUT /api/v1/nurture/settings': { permissions: ['nurture:write'], body: () => ({ maxPerWindow: 100, window: 'hour' }) },
  'GET /api/v1/contacts/:id/nurture': { permissions: ['nurture:read', 'contact:read'], id: 'contact', accountScoped: true },
};

/** The fixtures the suites' `:id` routes use, made in each test organisation. */
export const nurtureAccessFixtures = {
  nurtureProgramme: (make: TFixtureMaker) => make.post('/api/v1/nurture/programmes', nurtureProgrammeInput()),
};
