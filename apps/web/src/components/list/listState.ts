import { keepPreviousData, type QueryKey, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { filterAndSort, type LocalListOptions } from '../../lib/localList.ts';

export type SortOrder = 'asc' | 'desc';
export const DEFAULT_PAGE_SIZE = 50;

/**
 * What the controls of a list change: the search words, the page's own filters (`F`), the sort and
 * the page. Every list page has one, held in React state (`useListState`) or in the URL
 * (`urlListControls`), and hands it to `useServerList` or `useLocalList` for its rows.
 */
export interface ListControls<F = Record<string, never>, S extends string = string> {
  q: string;
  filters: F;
  page: number;
  pageSize: number;
  sort: S;
  order: SortOrder;
  setSearch(q: string): void;
  setFilters(changes: Partial<F>): void;
  setPage(page: number): void;
  setPageSize(pageSize: number): void;
  setSort(sort: S, order: SortOrder): void;
  /** Search or a filter narrows the list: the empty state then says "nothing matches" and offers to clear them. */
  isFiltered: boolean;
  clearFilters(): void;
}

export interface ListRows<T> {
  rows: T[] | undefined;
  total: number | undefined;
  isLoading: boolean;
  isFetching: boolean;
}

/** A list's controls and the rows of its current page: what `DataTable` draws. */
export type List<T, F = Record<string, never>, S extends string = string> = ListControls<F, S> & ListRows<T>;

export interface ListDefaults<F, S extends string> {
  sort: S;
  order: SortOrder;
  /** The filters when nothing is chosen (usually `{}`); a filter at its default does not count as filtering. */
  filters: F;
  pageSize?: number;
}

const isSet = (value: unknown) => value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && !value.length);

/** Whether any filter differs from its default. */
export function differsFrom<F extends object>(filters: F, defaults: F): boolean {
  return (Object.keys({ ...defaults, ...filters }) as (keyof F)[]).some(
    (key) => (isSet(filters[key]) || isSet(defaults[key])) && filters[key] !== defaults[key],
  );
}

/** List state for the time the page is open (admin lists). Any change but paging goes back to page 1. */
export function useListState<F extends object, S extends string>(defaults: ListDefaults<F, S>): ListControls<F, S> {
  const [q, setQ] = useState('');
  const [filters, setFiltersState] = useState<F>(defaults.filters);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSizeState] = useState(defaults.pageSize ?? DEFAULT_PAGE_SIZE);
  const [sorting, setSorting] = useState<{ sort: S; order: SortOrder }>({ sort: defaults.sort, order: defaults.order });
  return {
    q,
    filters,
    page,
    pageSize,
    ...sorting,
    setSearch: (value) => {
      setQ(value);
      setPage(1);
    },
    setFilters: (changes) => {
      setFiltersState((prev) => ({ ...prev, ...changes }));
      setPage(1);
    },
    setPage,
    setPageSize: (size) => {
      setPageSizeState(size);
      setPage(1);
    },
    setSort: (sort, order) => {
      setSorting({ sort, order });
      setPage(1);
    },
    isFiltered: q.trim() !== '' || differsFrom(filters, defaults.filters),
    clearFilters: () => {
      setQ('');
      setFiltersState(defaults.filters);
      setPage(1);
    },
  };
}

/** The URL form of a list's state: `?q=…&page=2&pageSize=100&sort=name&order=desc` plus the page's filters. */
export interface UrlListSearch<S extends string> {
  q?: string;
  page?: number;
  pageSize?: number;
  sort?: S;
  order?: SortOrder;
}

type FiltersOf<U> = Omit<U, keyof UrlListSearch<string>>;
type SortOf<U extends UrlListSearch<string>> = NonNullable<U['sort']>;

/**
 * List state kept in the URL, so a filtered view can be bookmarked, shared and restored with the back
 * button. `update` writes changes to the URL (the page's `navigate`); a value equal to its default is left out.
 */
export function urlListControls<U extends UrlListSearch<string>>(
  search: U,
  update: (changes: Partial<U>) => void,
  defaults: ListDefaults<FiltersOf<U>, SortOf<U>>,
): ListControls<FiltersOf<U>, SortOf<U>> {
  const { q, page, pageSize, sort, order, ...rest } = search;
  const filters = rest as FiltersOf<U>;
  const defaultPageSize = defaults.pageSize ?? DEFAULT_PAGE_SIZE;
  const firstPage = { page: undefined } as Partial<U>;
  const cleared = Object.fromEntries(Object.keys(filters).map((key) => [key, undefined]));
  return {
    q: q ?? '',
    filters,
    page: page ?? 1,
    pageSize: pageSize ?? defaultPageSize,
    sort: (sort as SortOf<U> | undefined) ?? defaults.sort,
    order: order ?? defaults.order,
    setSearch: (value) => update({ ...firstPage, q: value || undefined } as Partial<U>),
    setFilters: (changes) => update({ ...firstPage, ...changes } as Partial<U>),
    setPage: (p) => update({ page: p > 1 ? p : undefined } as Partial<U>),
    setPageSize: (size) => update({ ...firstPage, pageSize: size === defaultPageSize ? undefined : size } as Partial<U>),
    setSort: (s, o) => update({ ...firstPage, sort: s, order: o } as Partial<U>),
    isFiltered: !!q || differsFrom(filters, defaults.filters),
    clearFilters: () => update({ ...firstPage, ...cleared, ...defaults.filters, q: undefined } as Partial<U>),
  };
}

/** The words, filters and order of a list as the API takes them (the CSV export gets the same). */
export interface ListQueryInput<F, S extends string> {
  q: string | undefined;
  filters: F;
  sort: S;
  order: SortOrder;
}

/**
 * A list the API pages, sorts and filters. `toQuery` turns the controls into the API's query (also the
 * CSV export's, returned as `query`); `fetch` gets it with the page. The previous page stays on screen
 * while the next one loads.
 */
export function useServerList<T, F, S extends string, Q extends object>(
  controls: ListControls<F, S>,
  opts: {
    queryKey: QueryKey;
    toQuery: (input: ListQueryInput<F, S>) => Q;
    fetch: (query: Q & { page: number; pageSize: number }) => Promise<{ items: T[]; total: number }>;
    refetchInterval?: number | ((rows: T[] | undefined) => number | false);
  },
): List<T, F, S> & { query: Q } {
  const { q, filters, sort, order, page, pageSize } = controls;
  const query = opts.toQuery({ q: q.trim() || undefined, filters, sort, order });
  const { refetchInterval } = opts;
  const result = useQuery({
    queryKey: [...opts.queryKey, query, page, pageSize],
    queryFn: () => opts.fetch({ ...query, page, pageSize }),
    placeholderData: keepPreviousData,
    refetchInterval: typeof refetchInterval === 'function' ? (r) => refetchInterval(r.state.data?.items) : refetchInterval,
  });
  return {
    ...controls,
    rows: result.data?.items,
    total: result.data?.total,
    isLoading: result.isLoading,
    isFetching: result.isFetching,
    query,
  };
}

/**
 * A list the API returns whole (markets, tokens, custom fields): search, the page's filters, sort and
 * paging happen in the browser; `all` is every matching row in order, for the CSV download.
 */
export function useLocalList<T, F, S extends string>(
  items: readonly T[] | undefined,
  controls: ListControls<F, S>,
  opts: Omit<LocalListOptions<T>, 'filter'> & {
    filter?: (row: T, filters: F) => boolean;
    isLoading: boolean;
    isFetching: boolean;
  },
): List<T, F, S> & { all: T[] | undefined } {
  const { filter, isLoading, isFetching, ...options } = opts;
  const all = items
    ? filterAndSort(
        items,
        { ...options, filter: filter ? (row) => filter(row, controls.filters) : undefined },
        { search: controls.q, sort: controls.sort, order: controls.order },
      )
    : undefined;
  const pageCount = Math.max(1, Math.ceil((all?.length ?? 0) / controls.pageSize));
  const page = Math.min(controls.page, pageCount);
  return {
    ...controls,
    page,
    all,
    rows: all?.slice((page - 1) * controls.pageSize, page * controls.pageSize),
    total: all?.length,
    isLoading,
    isFetching,
  };
}
