import { describe, expect, it } from 'vitest';
import { parseSupportSearch } from './search.ts';

describe('parseSupportSearch', () => {
  it('keeps the view, priorities, assignee, breached, a known sort and a page', () => {
    expect(
      parseSupportSearch({
        q: 'export',
        view: 'waiting',
        priority: 'urgent,high',
        assignee: 'me',
        breached: 'true',
        sort: 'due',
        page: '2',
      }),
    ).toMatchObject({ q: 'export', view: 'waiting', priority: ['urgent', 'high'], assignee: 'me', breached: 'true', sort: 'due', page: 2 });
  });

  it('drops what the API would refuse: an unknown view, priority, sort or order, a page below 1, empty words', () => {
    const parsed = parseSupportSearch({ q: ' ', view: 'pending', priority: 'critical', sort: 'colour', order: 'sideways', page: '0' });
    expect(parsed).toMatchObject({
      q: undefined,
      view: undefined,
      priority: undefined,
      sort: undefined,
      order: undefined,
      page: undefined,
    });
  });
});
