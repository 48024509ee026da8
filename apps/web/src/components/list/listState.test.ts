import { describe, expect, it } from 'vitest';
import { differsFrom, type UrlListSearch, urlListControls } from './listState.ts';

interface Search extends UrlListSearch<'name' | 'createdAt'> {
  segment?: string[];
  status?: 'active' | 'archived';
}

/** The URL list state is plain data in, changes out: checked here without rendering. */
function urlState(search: Search) {
  const changes: Partial<Search>[] = [];
  const state = urlListControls(search, (c: Partial<Search>) => changes.push(c), { sort: 'name', order: 'asc', filters: {} });
  return { state, changes };
}

describe('list state', () => {
  it('counts a filter as filtering only when it differs from its default', () => {
    expect(differsFrom({}, {})).toBe(false);
    expect(differsFrom({ status: undefined, tags: [] }, {})).toBe(false);
    expect(differsFrom({ status: 'all' }, { status: 'all' })).toBe(false);
    expect(differsFrom({ status: 'active' }, { status: 'all' })).toBe(true);
    expect(differsFrom({ tags: ['vip'] }, {})).toBe(true);
  });

  it('reads page, sort and filters from the URL with the defaults for what is missing', () => {
    const { state } = urlState({ segment: ['smb'], page: 3 });
    expect(state).toMatchObject({ q: '', page: 3, pageSize: 50, sort: 'name', order: 'asc', isFiltered: true });
    expect(state.filters).toEqual({ segment: ['smb'] });
    expect(urlState({ sort: 'createdAt', order: 'desc' }).state.isFiltered).toBe(false);
    expect(urlState({ q: 'acme' }).state.isFiltered).toBe(true);
  });

  it('goes back to the first page on every change but paging, and leaves defaults out of the URL', () => {
    const { state, changes } = urlState({ segment: ['smb'], page: 3, pageSize: 100 });
    state.setFilters({ status: 'archived' });
    state.setSearch('acme');
    state.setSort('createdAt', 'desc');
    state.setPageSize(50);
    state.setPage(4);
    state.setPage(1);
    expect(changes).toEqual([
      { page: undefined, status: 'archived' },
      { page: undefined, q: 'acme' },
      { page: undefined, sort: 'createdAt', order: 'desc' },
      { page: undefined, pageSize: undefined },
      { page: 4 },
      { page: undefined },
    ]);
  });

  it('clears the search and every filter, keeping sort and page size', () => {
    const { state, changes } = urlState({ q: 'acme', segment: ['smb'], status: 'archived', sort: 'createdAt', pageSize: 100 });
    state.clearFilters();
    expect(changes).toEqual([{ page: undefined, q: undefined, segment: undefined, status: undefined }]);
  });
});
