import type { FastifyInstance } from 'fastify';
import type { TJourney, TStartJourney } from './journeys.schemas.ts';

/** A journey started by hand on the account (the default template unless named), through the API, for tests of this and other modules. */
export async function makeJourney(
  app: FastifyInstance,
  headers: Record<string, string>,
  accountId: string,
  overrides: Partial<TStartJourney> = {},
) {
  const res = await app.inject({ method: 'POST', url: `/api/v1/accounts/${accountId}/journeys`, headers, payload: overrides });
  if (res.statusCode !== 201) throw new Error(`makeJourney: ${res.statusCode} ${res.body}`);
  return res.json() as TJourney;
}
