import { describe, expect, it } from 'vitest';
import { parseSearchParams } from '../../lib/search.ts';
import { parseChurnSignalsSearch } from './search.ts';

describe('parseChurnSignalsSearch', () => {
  it('keeps the words, the account, known kinds, a status, the dates, a known sort and a page', () => {
    expect(
      parseChurnSignalsSearch({
        q: 'cfo',
        accountId: 'a1',
        kind: ['downgrade', 'champion_left'],
        status: 'open',
        from: '2026-11-01',
        to: '2026-11-30',
        sort: 'kind',
        order: 'asc',
        page: '2',
      }),
    ).toMatchObject({
      q: 'cfo',
      accountId: 'a1',
      kind: ['downgrade', 'champion_left'],
      status: 'open',
      from: '2026-11-01',
      to: '2026-11-30',
      sort: 'kind',
      order: 'asc',
      page: 2,
    });
  });

  it('takes kinds as a comma-separated list too (a link like /churn-signals?kind=a,b pre-selects both)', () => {
    expect(parseChurnSignalsSearch({ kind: 'usage_drop,no_login' }).kind).toEqual(['usage_drop', 'no_login']);
    expect(parseChurnSignalsSearch(parseSearchParams('?kind=health_red,sad,downgrade')).kind).toEqual(['health_red', 'downgrade']);
    expect(parseChurnSignalsSearch({ kind: ['manual,manual', 'downgrade'] }).kind).toEqual(['manual', 'downgrade']);
  });

  it('drops what the API would refuse: unknown kinds, status, sort or order, a date that is no day, a page below 1', () => {
    const parsed = parseChurnSignalsSearch({
      kind: ['sad'],
      status: 'closed',
      from: 'yesterday',
      sort: 'colour',
      order: 'sideways',
      page: '0',
    });
    expect(parsed).toMatchObject({
      kind: undefined,
      status: undefined,
      from: undefined,
      sort: undefined,
      order: undefined,
      page: undefined,
    });
  });
});
