import type { FastifyInstance } from 'fastify';
import type { TPermission } from '../../platform/access/permissions.ts';
import type { TApiToken, TCreateUserRequest, TUser } from './identity.schemas.ts';

let n = 0;

/**
 * A valid user made through the API by an admin, for tests of this and other modules: a unique e-mail, the
 * read-only role and, unless given, the password the test harness signs in with. `headers` are a signed-in
 * admin session's (see test/harness.ts, whose `signIn` then signs the new user in).
 */
export async function makeUser(
  app: FastifyInstance,
  headers: Record<string, string>,
  overrides: Partial<TCreateUserRequest> = {},
): Promise<TUser> {
  const i = ++n;
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers,
    payload: {
      email: `user-${i}-${Date.now().toString(36)}@test.example`,
      name: `User ${i}`,
      role: 'read_only',
      password: 'correct horse battery staple',
      ...overrides,
    },
  });
  if (res.statusCode !== 201) throw new Error(`makeUser: ${res.statusCode} ${res.body}`);
  return res.json() as TUser;
}

/** An API token of the signed-in user with these scopes; `headers` authenticate with it. */
export async function makeApiToken(
  app: FastifyInstance,
  headers: Record<string, string>,
  scopes: TPermission[],
  overrides: { name?: string; expiresAt?: string | null } = {},
): Promise<TApiToken & { token: string; headers: Record<string, string> }> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/api-tokens', headers, payload: { name: 'Token', scopes, ...overrides } });
  if (res.statusCode !== 201) throw new Error(`makeApiToken: ${res.statusCode} ${res.body}`);
  const created = res.json() as TApiToken & { token: string };
  return { ...created, headers: { authorization: `Bearer ${created.token}` } };
}
