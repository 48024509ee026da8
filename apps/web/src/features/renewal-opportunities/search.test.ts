import { describe, expect, it } from 'vitest';
import { parseRenewalsSearch } from './search.ts';

describe('parseRenewalsSearch', () => {
  it('keeps the view, the filters, a known sort, the month and the open renewal', () => {
    expect(
      parseRenewalsSearch({
        view: 'list',
        stage: ['contacted', 'renewed'],
        timing: 'overdue',
        sort: 'targetCents',
        month: '2027-03',
        renewal: 'r1',
      }),
    ).toMatchObject({
      view: 'list',
      stage: ['contacted', 'renewed'],
      timing: 'overdue',
      sort: 'targetCents',
      month: '2027-03',
      renewal: 'r1',
    });
  });

  it('drops what the API would refuse: an unknown view, stage, timing or sort, a malformed month', () => {
    const parsed = parseRenewalsSearch({ view: 'kanban', stage: ['won'], timing: 'late', sort: 'colour', month: '2027-3' });
    expect(parsed).toMatchObject({ view: undefined, timing: undefined, sort: undefined, month: undefined });
    expect(parsed.stage ?? []).toEqual([]);
  });
});
