import type { SortOrder } from '../components/list/listState.ts';

/** Sorting and searching of a list the API returns whole, in the browser (paging: `useLocalList`). */
export interface LocalListOptions<T> {
  /** The value each sortable column sorts by. */
  sortValues: Record<string, (row: T) => string | number | boolean | null | undefined>;
  /** The text the search box looks in. */
  searchText: (row: T) => string;
  /** Further filters of the page (a status, a type…). */
  filter?: (row: T) => boolean;
  /** The UI language, for sorting text the way its readers expect (ø after z in Danish). */
  language: string;
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

/** The rows of one page after filter, search and sort; `all` is every matching row in order, for the CSV. */
export function filterAndSort<T>(
  items: readonly T[],
  opts: LocalListOptions<T>,
  state: { search: string; sort: string; order: SortOrder },
): T[] {
  const words = fold(state.search).split(/\s+/).filter(Boolean);
  const rows = items.filter((row) => (opts.filter?.(row) ?? true) && words.every((w) => fold(opts.searchText(row)).includes(w)));
  const sortValue = opts.sortValues[state.sort];
  if (!sortValue) return rows;
  const collator = new Intl.Collator(opts.language, { numeric: true, sensitivity: 'base' });
  const dir = state.order === 'desc' ? -1 : 1;
  return rows
    .map((row, index) => ({ row, index, value: sortValue(row) }))
    .sort((a, b) => {
      // Empty values last in either direction; equal values keep the list's own order.
      const aEmpty = a.value === null || a.value === undefined || a.value === '';
      const bEmpty = b.value === null || b.value === undefined || b.value === '';
      if (aEmpty || bEmpty) return aEmpty === bEmpty ? a.index - b.index : aEmpty ? 1 : -1;
      const c =
        typeof a.value === 'string' && typeof b.value === 'string' ? collator.compare(a.value, b.value) : Number(a.value) - Number(b.value);
      return c * dir || a.index - b.index;
    })
    .map((x) => x.row);
}
