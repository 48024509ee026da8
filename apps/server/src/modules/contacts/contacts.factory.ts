import type { Session, TestApp } from '../../../test/harness.ts';
import type { TContact, TCreateContact } from './contacts.schemas.ts';

/**
 * Test factory: a valid contact made through the API as `session`, on the given account. Tests of any
 * module use it instead of building contact rows by hand; `overrides` sets the fields a test is about.
 */
export async function makeContact(
  t: TestApp,
  session: Pick<Session, 'headers'>,
  accountId: string,
  overrides: Partial<TCreateContact> = {},
): Promise<TContact> {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/accounts/${accountId}/contacts`,
    headers: session.headers,
    payload: { firstName: 'Sam', lastName: 'Jansen', ...overrides },
  });
  if (res.statusCode !== 201) throw new Error(`making a contact failed (${res.statusCode}): ${res.body}`);
  return res.json() as TContact;
}
