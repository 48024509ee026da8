import type { TestApp } from '../../../test/harness.ts';
import { newId } from '../../platform/ids.ts';
import type { TCustomField, TCustomFieldInput } from './custom-fields.schemas.ts';

/** A valid custom field of the session's organisation (a text field on accounts unless told), made through the API. */
export async function makeCustomField(
  t: TestApp,
  session: { headers: Record<string, string> },
  overrides: Partial<TCustomFieldInput> = {},
): Promise<TCustomField> {
  const payload: TCustomFieldInput = { entity: 'account', key: `f_${newId().slice(-8)}`, label: 'Test field', type: 'text', ...overrides };
  if (payload.type === 'choice' && !payload.options) payload.options = ['one', 'two'];
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/custom-fields', headers: session.headers, payload });
  if (res.statusCode !== 201) throw new Error(`creating a custom field failed: ${res.body}`);
  return res.json() as TCustomField;
}
