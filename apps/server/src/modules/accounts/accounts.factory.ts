import type { FastifyInstance } from 'fastify';
import type { TAccount, TCreateAccount } from './accounts.schemas.ts';

let n = 0;

/**
 * A valid account made through the API, for tests of this and other modules: a unique name and domain unless
 * given. `headers` are a signed-in session's (see test/harness.ts).
 */
export async function makeAccount(app: FastifyInstance, headers: Record<string, string>, overrides: Partial<TCreateAccount> = {}) {
  const i = ++n;
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/accounts',
    headers,
    payload: { name: `Account ${i}`, domain: `account-${i}-${Date.now().toString(36)}.example`, ...overrides },
  });
  if (res.statusCode !== 201) throw new Error(`makeAccount: ${res.statusCode} ${res.body}`);
  return res.json() as TAccount;
}
