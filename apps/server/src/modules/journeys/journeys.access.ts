import type { TFixtureMaker, TRouteSpec } from '../../platform/access/route-spec.ts';

const template = () => ({
  name: `Template ${Math.random().toString(36).slice(2, 10)}`,
  triggers: [],
  milestones: [{ name: 'Kick-off', week: 1, checklist: ['Agenda sent'], effort: 'low' }],
});

/** How the access-matrix and bad-input suites exercise the journeys routes (test/security/). */
export const journeysAccessMatrix: Record<string, TRouteSpec> = {
  'GET /api/v1/journeys': { permissions: ['journey:read'] },
  'GET /api/v1/journeys/export.csv': { permissions: ['journey:read', 'export:run'] },
  'GET /api/v1/journeys/:id': { permissions: ['journey:read'], id: 'journey', accountScoped: true },
  'PATCH /api/v1/journeys/:id': {
    permissions: ['journey:write'],
    id: 'journey',
    accountScoped: true,
    body: () => ({ status: 'stopped' }),
    late: 3,
  },
  'GET /api/v1/accounts/:id/journeys': { permissions: ['journey:read'], id: 'account', accountScoped: true },
  'POST /api/v1/accounts/:id/journeys': {
    permissions: ['journey:write'],
    id: 'account',
    accountScoped: true,
    body: () => ({}),
    late: 2,
  },
  'PATCH /api/v1/journey-milestones/:id': {
    permissions: ['journey:write'],
    id: 'journeyMilestone',
    accountScoped: true,
    body: () => ({ done: false }),
  },
  'PATCH /api/v1/journey-checklist-items/:id': {
    permissions: ['journey:write'],
    id: 'journeyChecklistItem',
    accountScoped: true,
    body: () => ({ done: false }),
  },
  'POST /api/v1/journey-milestones/:id/log': {
    permissions: ['journey:write'],
    id: 'journeyMilestone',
    accountScoped: true,
    body: () => ({ kind: 'challenge', body: 'Subdomain takes time' }),
  },
  'PATCH /api/v1/journey-log-entries/:id': {
    permissions: ['journey:write'],
    id: 'journeyLogEntry',
    accountScoped: true,
    body: () => ({ state: 'open' }),
  },
  'GET /api/v1/journey-templates': { permissions: ['journey:read'] },
  'GET /api/v1/journey-templates/export.csv': { permissions: ['journey:read', 'export:run'] },
  'POST /api/v1/journey-templates': { permissions: ['journey_template:manage'], body: template },
  'GET /api/v1/journey-templates/:id': { permissions: ['journey:read'], id: 'journeyTemplate' },
  'PUT /api/v1/journey-templates/:id': { permissions: ['journey_template:manage'], id: 'journeyTemplate', body: template },
  'POST /api/v1/journey-templates/:id/archive': { permissions: ['journey_template:manage'], id: 'journeyTemplate' },
  'POST /api/v1/journey-templates/:id/restore': { permissions: ['journey_template:manage'], id: 'journeyTemplate' },
};

type TFixtureJourney = { milestones: { id: string; checklist: { id: string }[] }[] };
const firstMilestone = async (make: TFixtureMaker) =>
  ((await make.get(`/api/v1/journeys/${make.fixtures.journey}`)) as TFixtureJourney).milestones[0];

/** The fixtures the suites' `:id` routes use, made in each test organisation: a template, a journey on the fixture account, its parts. */
export const journeysAccessFixtures = {
  journeyTemplate: (make: TFixtureMaker) => make.post('/api/v1/journey-templates', template()),
  journey: (make: TFixtureMaker) => make.post(`/api/v1/accounts/${make.fixtures.account}/journeys`, {}),
  journeyMilestone: async (make: TFixtureMaker) => (await firstMilestone(make))?.id ?? '',
  journeyChecklistItem: async (make: TFixtureMaker) => (await firstMilestone(make))?.checklist[0]?.id ?? '',
  journeyLogEntry: (make: TFixtureMaker) =>
    make.post(`/api/v1/journey-milestones/${make.fixtures.journeyMilestone}/log`, { kind: 'issue', body: 'Blog migration is slow' }),
};
