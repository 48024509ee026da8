import type { FastifyInstance } from 'fastify';
import type { TChurnSignal, TCreateChurnSignal } from './churn-signals.schemas.ts';

/** A valid churn signal on the account, made through the API, for tests of this and other modules. */
export async function makeChurnSignal(
  app: FastifyInstance,
  headers: Record<string, string>,
  accountId: string,
  overrides: Partial<TCreateChurnSignal> = {},
) {
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/accounts/${accountId}/churn-signals`,
    headers,
    payload: { note: 'Example worry', ...overrides },
  });
  if (res.statusCode !== 201) throw new Error(`makeChurnSignal: ${res.statusCode} ${res.body}`);
  return res.json() as TChurnSignal;
}
