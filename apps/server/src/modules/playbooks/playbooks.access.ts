import type { TFixtureMaker, TRouteSpec } from '../../platform/access/route-spec.ts';

const body = () => ({
  name: 'Example',
  trigger: 'health_red',
  actions: [{ type: 'task', title: 'Call', dueInDays: 1, assignee: 'owner' }],
});

/** How the access-matrix and bad-input suites exercise the playbooks routes (test/security/). */
export const playbooksAccessMatrix: Record<string, TRouteSpec> = {
  'GET /api/v1/playbooks': { permissions: ['playbook:read'] },
  'GET /api/v1/playbooks/export.csv': { permissions: ['playbook:read', 'export:run'] },
  'POST /api/v1/playbooks': { permissions: ['playbook:write'], body },
  'POST /api/v1/playbooks/dry-run': { permissions: ['playbook:write'], body: () => ({ trigger: 'health_red', conditions: [] }) },
  'GET /api/v1/playbooks/:id': { permissions: ['playbook:read'], id: 'playbook' },
  'PATCH /api/v1/playbooks/:id': { permissions: ['playbook:write'], id: 'playbook', body: () => ({ enabled: false }) },
  'GET /api/v1/playbooks/:id/runs': { permissions: ['playbook:read'], id: 'playbook' },
  'GET /api/v1/playbooks/:id/runs/export.csv': { permissions: ['playbook:read', 'export:run'], id: 'playbook' },
  'DELETE /api/v1/playbooks/:id': { permissions: ['playbook:write'], id: 'playbook', late: 3 },
};

/** The playbook the suites' `:id` routes use, made in each test organisation. */
export const playbooksAccessFixtures = {
  playbook: (make: TFixtureMaker) => make.post('/api/v1/playbooks', body()),
};
