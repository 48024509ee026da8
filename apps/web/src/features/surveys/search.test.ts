import { describe, expect, it } from 'vitest';
import { parseResponsesSearch, parseSurveysSearch } from './search.ts';

describe('parseSurveysSearch', () => {
  it('keeps the words, a known kind, a known sort and a page', () => {
    expect(parseSurveysSearch({ q: 'nps', kind: 'csat', sort: 'score', order: 'asc', page: '2' })).toEqual({
      q: 'nps',
      kind: 'csat',
      sort: 'score',
      order: 'asc',
      page: 2,
      pageSize: undefined,
    });
  });

  it('drops what the API would refuse: an unknown kind, sort or order, a page below 1, empty words', () => {
    const parsed = parseSurveysSearch({ q: ' ', kind: 'ces', sort: 'colour', order: 'sideways', page: '0', pageSize: '7' });
    expect(parsed).toEqual({ q: undefined, kind: undefined, sort: undefined, order: undefined, page: undefined, pageSize: undefined });
  });
});

describe('parseResponsesSearch', () => {
  it('keeps a known category, the survey and the account; drops an unknown category', () => {
    expect(parseResponsesSearch({ category: 'detractor', surveyId: 's1', accountId: 'a1', sort: 'score' })).toMatchObject({
      category: 'detractor',
      surveyId: 's1',
      accountId: 'a1',
      sort: 'score',
    });
    expect(parseResponsesSearch({ category: 'angry' }).category).toBeUndefined();
  });
});
