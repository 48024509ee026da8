/** Test factory: valid users and API tokens of this module, made through the API like a client would. */

import { type Session, signIn, TEST_PASSWORD, type TestApp } from '../../../test/harness.ts';
import type { TPermission, TRole } from '../../platform/access/permissions.ts';
import { newId } from '../../platform/ids.ts';
import type { TApiToken, TCreateUserRequest, TUser } from './identity.schemas.ts';

/** A user of the session's organisation (read-only with the test password unless told otherwise). */
export async function makeUser(t: TestApp, admin: Session, overrides: Partial<TCreateUserRequest> = {}): Promise<TUser> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: admin.headers,
    payload: {
      email: `user-${newId().slice(-12)}@test.example`,
      name: 'Factory User',
      role: 'read_only' satisfies TRole,
      password: TEST_PASSWORD,
      ...overrides,
    },
  });
  if (res.statusCode !== 201) throw new Error(`makeUser failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** A user and a signed-in session of theirs. */
export async function makeSignedInUser(t: TestApp, admin: Session, overrides: Partial<TCreateUserRequest> = {}): Promise<Session> {
  const user = await makeUser(t, admin, overrides);
  const session = await signIn(t, user.email, overrides.password ?? TEST_PASSWORD);
  return { ...session, orgId: admin.orgId, userId: user.id };
}

/** An API token of the session's user with these scopes; `headers` authenticate with it. */
export async function makeApiToken(
  t: TestApp,
  owner: Session,
  scopes: TPermission[],
  overrides: { name?: string; expiresAt?: string | null } = {},
): Promise<TApiToken & { token: string; headers: Record<string, string> }> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/api-tokens',
    headers: owner.headers,
    payload: { name: 'Factory token', scopes, ...overrides },
  });
  if (res.statusCode !== 201) throw new Error(`makeApiToken failed: ${res.statusCode} ${res.body}`);
  const created = res.json();
  return { ...created, headers: { authorization: `Bearer ${created.token}` } };
}
