import type { FastifyInstance } from 'fastify';
import type { TCreateTask, TTask } from './tasks.schemas.ts';

/** A valid task on the account, made through the API, for tests of this and other modules. */
export async function makeTask(
  app: FastifyInstance,
  headers: Record<string, string>,
  accountId: string,
  overrides: Partial<TCreateTask> = {},
) {
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/accounts/${accountId}/tasks`,
    headers,
    payload: { title: 'Example', ...overrides },
  });
  if (res.statusCode !== 201) throw new Error(`makeTask: ${res.statusCode} ${res.body}`);
  return res.json() as TTask;
}
