import type { FastifyInstance } from 'fastify';
import type { TCreateSubscription, TSubscription } from './subscriptions.schemas.ts';

/**
 * A subscription of the given account, made through the API, for tests of this and other modules: one line of
 * 10 × 100 EUR a month from 2024-01-01 unless `overrides` say otherwise.
 */
export async function makeSubscription(
  app: FastifyInstance,
  headers: Record<string, string>,
  accountId: string,
  overrides: Partial<TCreateSubscription> = {},
): Promise<TSubscription & { changes: { id: string; kind: string }[] }> {
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/accounts/${accountId}/subscriptions`,
    headers,
    payload: {
      currency: 'EUR',
      intervalMonths: 1,
      termStart: '2024-01-01',
      lines: [{ description: 'Seats', quantity: 10, unitPrice: 100 }],
      ...overrides,
    },
  });
  if (res.statusCode !== 201) throw new Error(`makeSubscription: ${res.statusCode} ${res.body}`);
  return res.json();
}
