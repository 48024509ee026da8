import { describe, expect, it } from 'vitest';
import { parseUpsellCandidatesSearch } from './search.ts';

describe('parseUpsellCandidatesSearch', () => {
  it('keeps the words, known reasons, markets, owners, plans, a known sort and a page', () => {
    expect(
      parseUpsellCandidatesSearch({
        q: 'bank',
        reason: ['at_limit', 'cross_sell'],
        ownerUserId: 'u1',
        planId: ['p1'],
        sort: 'since',
        order: 'asc',
        page: '2',
      }),
    ).toEqual({
      q: 'bank',
      reason: ['at_limit', 'cross_sell'],
      marketId: undefined,
      ownerUserId: ['u1'],
      planId: ['p1'],
      sort: 'since',
      order: 'asc',
      page: 2,
      pageSize: undefined,
    });
  });

  it('drops what the API would refuse: an unknown reason or sort, a page below 1, empty words', () => {
    const parsed = parseUpsellCandidatesSearch({ q: ' ', reason: ['bogus'], sort: 'title', order: 'sideways', page: '0', pageSize: '7' });
    expect(parsed).toMatchObject({
      q: undefined,
      reason: undefined,
      sort: undefined,
      order: undefined,
      page: undefined,
      pageSize: undefined,
    });
  });
});
