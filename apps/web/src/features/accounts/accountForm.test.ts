import { describe, expect, it } from 'vitest';
import type { Account, CustomField } from '../../lib/types.ts';
import { changedFields, rebaseEdits, toBody, toForm, withCustomDefaults, withScheme } from './accountForm.ts';

const account: Account = {
  id: '01a1fce5-3fee-74d3-a0b8-98de22825df9',
  name: 'Aalborg Cement',
  domain: 'aalborg-cement.dk',
  externalId: 'HS-1',
  marketId: null,
  marketCode: null,
  marketName: null,
  segment: 'enterprise',
  edition: null,
  lifecycleStage: 'adoption',
  ownerUserId: null,
  ownerName: null,
  tags: ['pilot'],
  employees: 120,
  website: null,
  notes: null,
  custom: { tier: 'gold', nps: 7 },
  version: 3,
  archivedAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const field = (key: string, type: CustomField['type']): CustomField => ({
  id: key,
  entity: 'account',
  key,
  label: key,
  type,
  options: [],
  required: false,
  showInList: false,
  position: 0,
});
const fields = [field('tier', 'text'), field('nps', 'number'), field('renewal', 'date')];

describe('account form', () => {
  it('sends nothing when nothing changed, custom values included', () => {
    const form = withCustomDefaults(toForm(account, {}), fields, account);
    expect(changedFields(form, account)).toEqual({});
  });

  it('sends only the changed fields, blanks as null', () => {
    const form = withCustomDefaults(toForm(account, {}), fields, account);
    const edited = { ...form, domain: ' ', employees: 130, custom: { ...form.custom, nps: 9 } };
    expect(changedFields(edited, account)).toEqual({ domain: null, employees: 130, custom: { nps: 9 } });
  });

  it('adds https:// to a website typed without a scheme and lower-cases the domain', () => {
    expect(withScheme('example.com/pricing')).toBe('https://example.com/pricing');
    expect(withScheme('http://example.com')).toBe('http://example.com');
    expect(withScheme('  ')).toBeNull();
    expect(toBody({ ...toForm(undefined, {}), domain: 'Example.COM' }).domain).toBe('example.com');
  });

  it('after a conflict keeps the user’s edits on top of the latest version', () => {
    const form = withCustomDefaults(toForm(account, {}), fields, account);
    const mine = { ...form, notes: 'Called them', custom: { ...form.custom, tier: 'silver' } };
    const latest: Account = { ...account, version: 4, employees: 150, custom: { tier: 'gold', nps: 8 } };
    const rebased = rebaseEdits(mine, account, latest, fields);
    expect(rebased.notes).toBe('Called them');
    expect(rebased.employees).toBe(150);
    expect(rebased.custom).toEqual({ tier: 'silver', nps: 8, renewal: null });
    expect(changedFields(rebased, latest)).toEqual({ notes: 'Called them', custom: { tier: 'silver' } });
  });
});
