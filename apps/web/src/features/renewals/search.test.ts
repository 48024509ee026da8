import { describe, expect, it } from 'vitest';
import { parseRenewalsSearch, withDefaults } from './search.ts';

describe('parseRenewalsSearch', () => {
  it('keeps the months, a known granularity and the filters', () => {
    expect(parseRenewalsSearch({ from: '2019-01', to: '2019-12', by: 'quarter', owner: 'u1', segment: 'smb', market: 'NL' })).toEqual({
      from: '2019-01',
      to: '2019-12',
      by: 'quarter',
      owner: 'u1',
      segment: 'smb',
      market: 'NL',
    });
  });

  it('drops what the API would refuse: a month that is not YYYY-MM, an unknown granularity', () => {
    const parsed = parseRenewalsSearch({ from: '2019-13', to: '2019-1', by: 'week' });
    expect([parsed.from, parsed.to, parsed.by]).toEqual([undefined, undefined, undefined]);
    expect(withDefaults(parsed).by).toBe('month');
  });
});
