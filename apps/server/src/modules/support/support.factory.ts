import type { FastifyInstance } from 'fastify';
import type { TCreateSupportRequest, TSupportRequest } from './support.schemas.ts';

/** A valid support request on the account, logged through the API, for tests of this and other modules. */
export async function makeSupportRequest(
  app: FastifyInstance,
  headers: Record<string, string>,
  accountId: string,
  overrides: Partial<TCreateSupportRequest> = {},
) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/support/requests',
    headers,
    payload: { accountId, subject: 'Example', body: 'Something does not work', ...overrides },
  });
  if (res.statusCode !== 201) throw new Error(`makeSupportRequest: ${res.statusCode} ${res.body}`);
  return res.json() as TSupportRequest;
}
