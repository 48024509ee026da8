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

/** Known values of a list: `?kind=a&kind=b` and `?kind=a,b` alike (as the API takes them; enum values hold no commas). */
export function optEnumList<T extends string>(value: unknown, allowed: readonly T[]): T[] | undefined {
  const list = optStringList(value)
    ?.flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v): v is T => (allowed as readonly string[]).includes(v));
  return list?.length ? [...new Set(list)] : undefined;
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

/**
 * The router's URL format for search params: plain `key=value` pairs, a list as the key repeated
 * (`?segment=smb&segment=enterprise`), the way the API takes its filters too, rather than the router's
 * default JSON (`?segment=%5B%22smb%22%5D`). Every value comes back as a string or a list of strings;
 * the pages' parsers above turn them into numbers and enums.
 */
export function stringifySearchParams(search: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v === undefined || v === null || v === '') continue;
      params.append(key, typeof v === 'object' ? JSON.stringify(v) : String(v));
    }
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}

export function parseSearchParams(searchStr: string): Record<string, unknown> {
  const params = new URLSearchParams(searchStr.startsWith('?') ? searchStr.slice(1) : searchStr);
  const search: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const raw = params.getAll(key);
    const legacy = raw.length === 1 ? fromLegacyJson(raw[0] ?? '') : undefined;
    search[key] = legacy ?? (raw.length === 1 ? (raw[0] ?? '') : raw);
  }
  return search;
}

/** Links made before the readable format carried JSON: `["smb","enterprise"]` and `"2026"`. They still open. */
function fromLegacyJson(value: string): string | string[] | undefined {
  if (!/^\[.*\]$|^".*"$/s.test(value)) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed === 'string') return parsed;
    if (Array.isArray(parsed) && parsed.every((v) => typeof v === 'string' || typeof v === 'number')) return parsed.map(String);
  } catch {
    // not JSON after all: the value as written
  }
  return undefined;
}
