import { describe, expect, it } from 'vitest';
import { parseJourneysSearch, parseJourneyTemplatesSearch } from './search.ts';

describe('parseJourneysSearch', () => {
  it('keeps the words, lateness, status, milestones, a known sort and a page', () => {
    expect(
      parseJourneysSearch({ q: 'acme', lateness: 'late', status: 'all', milestone: ['active'], sort: 'daysLate', order: 'asc', page: '2' }),
    ).toMatchObject({ q: 'acme', lateness: 'late', status: 'all', milestone: ['active'], sort: 'daysLate', order: 'asc', page: 2 });
  });

  it('drops what the API would refuse: an unknown sort, lateness or status, empty words', () => {
    const parsed = parseJourneysSearch({ q: ' ', sort: 'colour', lateness: 'soon', status: 'paused', page: '0' });
    expect(parsed).toMatchObject({ q: undefined, sort: undefined, lateness: undefined, status: undefined, page: undefined });
  });
});

describe('parseJourneyTemplatesSearch', () => {
  it('keeps the words, a known status, trigger and sort; drops the rest', () => {
    expect(parseJourneyTemplatesSearch({ q: 'pilot', status: 'archived', trigger: 'renewal', sort: 'weeks', order: 'desc' })).toMatchObject(
      {
        q: 'pilot',
        status: 'archived',
        trigger: 'renewal',
        sort: 'weeks',
        order: 'desc',
      },
    );
    const bad = parseJourneyTemplatesSearch({ status: 'deleted', trigger: 'tomorrow', sort: 'colour' });
    expect(bad).toMatchObject({ status: undefined, trigger: undefined, sort: undefined });
  });
});
