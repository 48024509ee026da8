import type { FastifyInstance } from 'fastify';
import type { TCreateObjective, TObjective } from './success-plans.schemas.ts';

/** A valid objective on the account's success plan, made through the API, for tests of this and other modules. */
export async function makeObjective(
  app: FastifyInstance,
  headers: Record<string, string>,
  accountId: string,
  overrides: Partial<TCreateObjective> = {},
) {
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/accounts/${accountId}/success-objectives`,
    headers,
    payload: { title: 'More inbound leads', metric: 'leads', baseline: 100, target: 150, unit: 'leads/month', ...overrides },
  });
  if (res.statusCode !== 201) throw new Error(`makeObjective: ${res.statusCode} ${res.body}`);
  return res.json() as TObjective;
}
