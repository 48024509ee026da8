// Small parsers for URL search params, which arrive as unknown JSON-ish values. Lists keep filters
// in the URL so a filtered view can be bookmarked, shared and restored with the back button.

export function optString(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

export function optStringList(value: unknown): string[] | undefined {
  const list = (Array.isArray(value) ? value : [value]).map(optString).filter((v): v is string => v !== undefined);
  return list.length ? list : undefined;
}

export function optPositiveInt(value: unknown, max = 100_000): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isInteger(n) && n >= 1 && n <= max ? n : undefined;
}

export function optEnum<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

export function optEnumList<T extends string>(value: unknown, allowed: readonly T[]): T[] | undefined {
  const list = optStringList(value)?.filter((v): v is T => (allowed as readonly string[]).includes(v));
  return list?.length ? list : undefined;
}

/** Common list state: page, page size and sort, shared by every server-paged list. */
export interface ListSearch<S extends string> {
  page?: number;
  pageSize?: number;
  sort?: S;
  order?: 'asc' | 'desc';
}

export const PAGE_SIZES = [25, 50, 100, 200] as const;

export function parseListSearch<S extends string>(search: Record<string, unknown>, sorts: readonly S[]): ListSearch<S> {
  return {
    page: optPositiveInt(search.page),
    pageSize: optEnum(String(search.pageSize ?? ''), PAGE_SIZES.map(String)) ? Number(search.pageSize) : undefined,
    sort: optEnum(search.sort, sorts),
    order: optEnum(search.order, ['asc', 'desc'] as const),
  };
}
