import type { CustomValue } from '../../components/CustomFieldInput.tsx';
import type { Account, AccountInput, CustomField, Edition, LifecycleStage, Segment } from '../../lib/types.ts';

// The account form's state and its translation to and from the API, kept apart from the modal so
// the rules (what counts as a change, how a conflict is rebased) can be tested without a browser.

export interface FormState {
  name: string;
  domain: string;
  externalId: string;
  website: string;
  marketId: string | null;
  segment: Segment | null;
  edition: Edition | null;
  lifecycleStage: LifecycleStage;
  ownerUserId: string | null;
  employees: number | null;
  tags: string[];
  notes: string;
  custom: Record<string, CustomValue>;
}

export type Body = Omit<AccountInput, 'name'> & { name?: string };

export function toForm(account: Account | undefined, defaults: Partial<FormState>): FormState {
  if (!account)
    return {
      name: '',
      domain: '',
      externalId: '',
      website: '',
      marketId: null,
      segment: null,
      edition: null,
      lifecycleStage: 'onboarding',
      ownerUserId: null,
      employees: null,
      tags: [],
      notes: '',
      custom: {},
      ...defaults,
    };
  return {
    name: account.name,
    domain: account.domain ?? '',
    externalId: account.externalId ?? '',
    website: account.website ?? '',
    marketId: account.marketId,
    segment: account.segment,
    edition: account.edition,
    lifecycleStage: account.lifecycleStage,
    ownerUserId: account.ownerUserId,
    employees: account.employees,
    tags: account.tags,
    notes: account.notes ?? '',
    custom: {},
  };
}

/** A stored custom value as the form holds it: numbers stay numbers, everything else text. */
export function toCustomValue(field: CustomField, raw: unknown): CustomValue {
  if (raw === null || raw === undefined || raw === '') return null;
  if (field.type === 'number') return typeof raw === 'number' ? raw : Number.isFinite(Number(raw)) ? Number(raw) : null;
  return String(raw);
}

const blankToNull = (value: string) => (value.trim() === '' ? null : value.trim());

/** "example.com/pricing" is what people type; the API wants an absolute URL. */
export function withScheme(url: string): string | null {
  const v = url.trim();
  if (!v) return null;
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(v) ? v : `https://${v}`;
}

export function toBody(form: FormState): Required<Omit<Body, 'custom'>> {
  return {
    name: form.name.trim(),
    domain: blankToNull(form.domain)?.toLowerCase() ?? null,
    externalId: blankToNull(form.externalId),
    website: withScheme(form.website),
    marketId: form.marketId,
    segment: form.segment,
    edition: form.edition,
    lifecycleStage: form.lifecycleStage,
    ownerUserId: form.ownerUserId,
    employees: form.employees,
    tags: form.tags,
    notes: blankToNull(form.notes),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What the form changed compared with the account it started from; only these go to the server. */
export function changedFields(form: FormState, base: Account): Body {
  const next = toBody(form);
  const before = toBody(toForm(base, {}));
  const body: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof typeof next)[]) if (!same(next[key], before[key])) body[key] = next[key];
  const custom: Record<string, CustomValue> = {};
  for (const [key, value] of Object.entries(form.custom)) if (!same(value, base.custom[key] ?? null)) custom[key] = value;
  if (Object.keys(custom).length) body.custom = custom;
  return body as Body;
}

/** Custom values from the definitions: the account's stored value, or blank; values already in the form stay. */
export function withCustomDefaults(form: FormState, fields: CustomField[], account: Account | undefined): FormState {
  const custom = { ...form.custom };
  for (const field of fields) if (!(field.key in custom)) custom[field.key] = toCustomValue(field, account?.custom[field.key]);
  return { ...form, custom };
}

/**
 * After a conflict: the latest version from the server with the user's own edits (made against
 * `base`) put back on top, so nothing typed is lost and nothing someone else saved is undone.
 */
export function rebaseEdits(form: FormState, base: Account, latest: Account, fields: CustomField[]): FormState {
  const mine = changedFields(form, base);
  const merged: FormState = { ...toForm(latest, {}), custom: {} };
  for (const key of Object.keys(mine) as (keyof Body)[]) {
    if (key === 'custom') continue;
    (merged as unknown as Record<string, unknown>)[key] = form[key as keyof FormState];
  }
  for (const field of fields)
    merged.custom[field.key] =
      mine.custom && field.key in mine.custom ? (form.custom[field.key] ?? null) : toCustomValue(field, latest.custom[field.key]);
  return merged;
}

export // The account's own fields, whose labels are account.fields.<key>.
const FIELD_KEYS = new Set([
  'name',
  'domain',
  'externalId',
  'website',
  'marketId',
  'segment',
  'edition',
  'lifecycleStage',
  'ownerUserId',
  'employees',
  'tags',
  'notes',
]);
