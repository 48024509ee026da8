import type { TFixtureMaker, TRouteSpec } from '../../platform/access/route-spec.ts';

/** How the access-matrix and bad-input suites exercise the tasks routes (test/security/). */
export const tasksAccessMatrix: Record<string, TRouteSpec> = {
  'GET /api/v1/tasks': { permissions: ['task:read'] },
  'GET /api/v1/tasks/export.csv': { permissions: ['task:read', 'export:run'] },
  'GET /api/v1/tasks/workload': { permissions: ['task:manage'] },
  'POST /api/v1/tasks/bulk': {
    permissions: ['task:write'],
    body: (f) => ({ ids: [f.task], action: 'reopen' }),
    idsInBody: true,
    accountScoped: true,
  },
  'GET /api/v1/tasks/calendar-feed': { permissions: ['task:read'] },
  'POST /api/v1/tasks/calendar-feed': { permissions: ['task:read'] },
  'DELETE /api/v1/tasks/calendar-feed': { permissions: ['task:read'], late: 3 },
  'GET /api/v1/accounts/:id/tasks': { permissions: ['task:read'], id: 'account', accountScoped: true },
  'POST /api/v1/accounts/:id/tasks': {
    permissions: ['task:read', 'task:write'],
    id: 'account',
    accountScoped: true,
    body: () => ({ title: 'Example' }),
  },
  'GET /api/v1/tasks/:id': { permissions: ['task:read'], id: 'task', accountScoped: true },
  'PATCH /api/v1/tasks/:id': {
    permissions: ['task:read', 'task:write'],
    id: 'task',
    accountScoped: true,
    body: () => ({ priority: 'high' }),
  },
  'GET /api/v1/tasks/:id/comments': { permissions: ['task:read'], id: 'task', accountScoped: true },
  'POST /api/v1/tasks/:id/comments': {
    permissions: ['task:read', 'task:write'],
    id: 'task',
    accountScoped: true,
    body: () => ({ body: 'Noted' }),
  },
  'DELETE /api/v1/tasks/:id': { permissions: ['task:write'], id: 'task', accountScoped: true, late: 3 },
};

/** The secret-address calendar feed: no session; an unknown secret is a 404 (tasks.test.ts). */
export const tasksPublicRoutes = ['GET /api/v1/calendar/:orgId/:token'];

/** The task the suites' `:id` routes use, made in each test organisation. */
export const tasksAccessFixtures = {
  task: (make: TFixtureMaker) => make.post(`/api/v1/accounts/${make.fixtures.account}/tasks`, { title: 'Fixture' }),
};
