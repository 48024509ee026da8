import type { FastifyInstance } from 'fastify';
import type { TContact, TCreateContact } from './contacts.schemas.ts';

/**
 * A valid contact on the given account, made through the API, for tests of this and other modules; `overrides`
 * sets the fields a test is about. `headers` are a signed-in session's (see test/harness.ts).
 */
export async function makeContact(
  app: FastifyInstance,
  headers: Record<string, string>,
  accountId: string,
  overrides: Partial<TCreateContact> = {},
): Promise<TContact> {
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/accounts/${accountId}/contacts`,
    headers,
    payload: { firstName: 'Sam', lastName: 'Jansen', ...overrides },
  });
  if (res.statusCode !== 201) throw new Error(`makeContact: ${res.statusCode} ${res.body}`);
  return res.json() as TContact;
}
