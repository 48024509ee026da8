// What the list commands share: reading every page of a list and printing rows as an aligned table.

/** Every item of a paged list (the API's largest page at a time). */
export async function readAllPages<T>(read: (page: number, pageSize: number) => Promise<{ items: T[]; total: number }>): Promise<T[]> {
  const pageSize = 200;
  const items: T[] = [];
  for (let page = 1; ; page++) {
    const res = await read(page, pageSize);
    items.push(...res.items);
    if (res.items.length < pageSize || items.length >= res.total) return items;
  }
}

/** A header, a rule and the rows, each column as wide as its widest cell. */
export function formatTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
