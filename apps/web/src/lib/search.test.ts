import { describe, expect, it } from 'vitest';
import { parseAccountsSearch } from '../features/accounts/search.ts';
import { parseSearchParams, stringifySearchParams } from './search.ts';

describe('search params in the URL', () => {
  it('writes lists as repeated keys and plain values without JSON', () => {
    expect(stringifySearchParams({ segment: ['smb', 'enterprise'], page: 2, q: 'acme bv', status: undefined, tag: [] })).toBe(
      '?segment=smb&segment=enterprise&page=2&q=acme+bv',
    );
    expect(stringifySearchParams({ q: '2026' })).toBe('?q=2026');
    expect(stringifySearchParams({})).toBe('');
  });

  it('reads them back to the same filters (reload and back keep the list as it was)', () => {
    const search = {
      q: 'café, "Acme"',
      segment: ['smb', 'enterprise'],
      marketId: ['01a1fce5-3fee-74d3-a0b8-98de22825df9'],
      page: 3,
      pageSize: 100,
      sort: 'employees',
      order: 'desc',
    } as const;
    const roundTrip = parseAccountsSearch(parseSearchParams(stringifySearchParams(search)));
    expect(roundTrip).toMatchObject({ ...search, marketId: [...search.marketId], segment: [...search.segment] });
  });

  it('still opens links in the old JSON format', () => {
    const old = `?${new URLSearchParams({ segment: '["smb","enterprise"]', page: '2', q: '"2026"' })}`;
    expect(parseAccountsSearch(parseSearchParams(old))).toMatchObject({ segment: ['smb', 'enterprise'], page: 2, q: '2026' });
    expect(parseSearchParams('?q=%5Bdraft%5D')).toEqual({ q: '[draft]' });
  });
});
