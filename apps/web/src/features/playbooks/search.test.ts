import { describe, expect, it } from 'vitest';
import { parsePlaybooksSearch } from './search.ts';

describe('parsePlaybooksSearch', () => {
  it('keeps the words, the account, a known sort and a page', () => {
    expect(parsePlaybooksSearch({ q: 'call', accountId: 'a1', sort: 'title', order: 'asc', page: '2' })).toEqual({
      q: 'call',
      accountId: 'a1',
      sort: 'title',
      order: 'asc',
      page: 2,
      pageSize: undefined,
    });
  });

  it('drops what the API would refuse: an unknown sort or order, a page below 1, empty words', () => {
    const parsed = parsePlaybooksSearch({ q: ' ', sort: 'colour', order: 'sideways', page: '0', pageSize: '7' });
    expect(parsed).toEqual({ q: undefined, accountId: undefined, sort: undefined, order: undefined, page: undefined, pageSize: undefined });
  });
});
