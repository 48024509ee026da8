import type { TFixtureMaker, TRouteSpec } from '../../platform/access/route-spec.ts';
import { surveyCsvUpload } from './surveys.factory.ts';

/** How the access-matrix and bad-input suites exercise the surveys routes (test/security/). */
export const surveysAccessMatrix: Record<string, TRouteSpec> = {
  'GET /api/v1/surveys': { permissions: ['survey:read'] },
  'GET /api/v1/surveys/export.csv': { permissions: ['survey:read', 'export:run'] },
  'POST /api/v1/surveys': { permissions: ['survey:manage'], body: () => ({ name: 'Example', kind: 'nps' }) },
  'GET /api/v1/surveys/responses': { permissions: ['survey:read'] },
  'GET /api/v1/surveys/responses/export.csv': { permissions: ['survey:read', 'export:run'] },
  'GET /api/v1/surveys/:id': { permissions: ['survey:read'], id: 'survey' },
  'GET /api/v1/surveys/:id/report': { permissions: ['survey:read'], id: 'survey' },
  'POST /api/v1/surveys/:id/responses': {
    permissions: ['survey_response:write'],
    id: 'survey',
    accountScoped: true,
    body: (f) => ({ accountId: f.account, score: 9 }),
  },
  'POST /api/v1/surveys/:id/responses/import': {
    permissions: ['survey_response:write'],
    id: 'survey',
    raw: () => surveyCsvUpload('account,score\nmatrix-unknown,9\n'),
  },
  'DELETE /api/v1/surveys/:id': { permissions: ['survey:manage'], id: 'survey', late: 3 },
};

/** The survey the suites' `:id` routes use, made in each test organisation. */
export const surveysAccessFixtures = {
  survey: (make: TFixtureMaker) => make.post('/api/v1/surveys', { name: 'Fixture', kind: 'nps' }),
};
