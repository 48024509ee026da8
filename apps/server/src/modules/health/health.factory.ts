import type { FastifyInstance } from 'fastify';
import type { TAccountHealth, TCreatePulse, TPulse } from './health.schemas.ts';

/** A CSM pulse on the account, given through the API, for tests of this and other modules. */
export async function makePulse(
  app: FastifyInstance,
  headers: Record<string, string>,
  accountId: string,
  overrides: Partial<TCreatePulse> = {},
) {
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/accounts/${accountId}/health/pulses`,
    headers,
    payload: { value: 70, reason: 'Good call', ...overrides },
  });
  if (res.statusCode !== 201) throw new Error(`makePulse: ${res.statusCode} ${res.body}`);
  return res.json() as TPulse;
}

/** The account's health as the Health tab reads it. */
export async function accountHealth(app: FastifyInstance, headers: Record<string, string>, accountId: string) {
  const res = await app.inject({ method: 'GET', url: `/api/v1/accounts/${accountId}/health`, headers });
  if (res.statusCode !== 200) throw new Error(`accountHealth: ${res.statusCode} ${res.body}`);
  return res.json() as TAccountHealth;
}
