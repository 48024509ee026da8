import { describe, expect, it } from 'vitest';
import { parseObjectivesSearch } from './search.ts';

describe('parseObjectivesSearch', () => {
  it('keeps the words, the account, a known status, metric, sort and a page', () => {
    expect(
      parseObjectivesSearch({
        q: 'leads',
        accountId: 'a1',
        status: 'at_risk',
        metric: 'leads',
        sort: 'percentAchieved',
        order: 'desc',
        page: '2',
      }),
    ).toEqual({
      q: 'leads',
      accountId: 'a1',
      status: 'at_risk',
      metric: 'leads',
      sort: 'percentAchieved',
      order: 'desc',
      page: 2,
      pageSize: undefined,
    });
  });

  it('drops what the API would refuse: an unknown status, metric, sort or order, a page below 1, empty words', () => {
    const parsed = parseObjectivesSearch({ q: ' ', status: 'fine', metric: 'revenue', sort: 'colour', order: 'sideways', page: '0' });
    expect(parsed).toEqual({
      q: undefined,
      accountId: undefined,
      status: undefined,
      metric: undefined,
      sort: undefined,
      order: undefined,
      page: undefined,
      pageSize: undefined,
    });
  });
});
