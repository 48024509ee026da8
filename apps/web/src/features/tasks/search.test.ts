import { describe, expect, it } from 'vitest';
import { parseTasksSearch } from './search.ts';

describe('parseTasksSearch', () => {
  it('keeps the view, the due filter, priorities, owners, the open task, a known sort and a page', () => {
    expect(
      parseTasksSearch({
        q: 'call',
        view: 'team',
        due: 'overdue',
        priority: ['high', 'low'],
        ownerUserId: 'u1',
        task: 't1',
        sort: 'dueOn',
        page: '2',
      }),
    ).toMatchObject({
      q: 'call',
      view: 'team',
      due: 'overdue',
      priority: ['high', 'low'],
      ownerUserId: ['u1'],
      task: 't1',
      sort: 'dueOn',
      page: 2,
    });
  });

  it('drops what the API would refuse: an unknown view, due, priority, sort or order, a page below 1, empty words', () => {
    const parsed = parseTasksSearch({ q: ' ', view: 'all', due: 'soon', priority: 'urgent', sort: 'colour', order: 'sideways', page: '0' });
    expect(parsed).toMatchObject({
      q: undefined,
      view: undefined,
      due: undefined,
      priority: undefined,
      sort: undefined,
      order: undefined,
      page: undefined,
    });
  });
});
