import type { FastifyInstance } from 'fastify';
import type { TCreatePlaybook, TPlaybook } from './playbooks.schemas.ts';

/** A valid playbook made through the API (a health-red task for the owner unless overridden), for tests of this and other modules. */
export async function makePlaybook(app: FastifyInstance, headers: Record<string, string>, overrides: Partial<TCreatePlaybook> = {}) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/playbooks',
    headers,
    payload: {
      name: 'Example',
      trigger: 'health_red',
      actions: [{ type: 'task', title: 'Call the customer', dueInDays: 1, assignee: 'owner' }],
      ...overrides,
    },
  });
  if (res.statusCode !== 201) throw new Error(`makePlaybook: ${res.statusCode} ${res.body}`);
  return res.json() as TPlaybook;
}
