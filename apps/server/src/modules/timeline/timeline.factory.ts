import type { FastifyInstance } from 'fastify';
import type { TCreateInteraction, TInteraction } from './timeline.schemas.ts';

/**
 * A valid interaction logged on the given account through the API, for tests of this and other modules;
 * `overrides` sets the fields a test is about. `headers` are a signed-in session's (see test/harness.ts).
 */
export async function makeInteraction(
  app: FastifyInstance,
  headers: Record<string, string>,
  accountId: string,
  overrides: Partial<TCreateInteraction> = {},
): Promise<TInteraction> {
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/accounts/${accountId}/interactions`,
    headers,
    payload: { kind: 'note', subject: 'Check-in', ...overrides },
  });
  if (res.statusCode !== 201) throw new Error(`makeInteraction: ${res.statusCode} ${res.body}`);
  return res.json() as TInteraction;
}
