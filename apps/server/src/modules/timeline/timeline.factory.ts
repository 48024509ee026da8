import type { Session, TestApp } from '../../../test/harness.ts';
import type { TCreateInteraction, TInteraction } from './timeline.schemas.ts';

/**
 * Test factory: a valid interaction logged through the API as `session` on the given account. Tests of any
 * module use it instead of building timeline rows by hand; `overrides` sets the fields a test is about.
 */
export async function makeInteraction(
  t: TestApp,
  session: Pick<Session, 'headers'>,
  accountId: string,
  overrides: Partial<TCreateInteraction> = {},
): Promise<TInteraction> {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/accounts/${accountId}/interactions`,
    headers: session.headers,
    payload: { kind: 'note', subject: 'Check-in', ...overrides },
  });
  if (res.statusCode !== 201) throw new Error(`logging an interaction failed (${res.statusCode}): ${res.body}`);
  return res.json() as TInteraction;
}
