import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.ts';
import { filterAndSort, type LocalListOptions } from './localList.ts';

interface Row {
  name: string;
  n: number | null;
  kind: string;
}
const rows: Row[] = [
  { name: 'Øresund', n: 3, kind: 'a' },
  { name: 'Zeeland', n: null, kind: 'b' },
  { name: 'Ærø', n: 10, kind: 'a' },
  { name: 'Amsterdam 10', n: 2, kind: 'a' },
  { name: 'Amsterdam 9', n: 2, kind: 'b' },
];
const opts = (language: string, filter?: (r: Row) => boolean): LocalListOptions<Row> => ({
  sortValues: { name: (r) => r.name, n: (r) => r.n },
  searchText: (r) => r.name,
  filter,
  language,
});

describe('lists held in the browser', () => {
  it("sorts text in the UI language's order, numbers as numbers, empty values last", () => {
    const names = (language: string, order: 'asc' | 'desc' = 'asc') =>
      filterAndSort(rows, opts(language), { search: '', sort: 'name', order }).map((r) => r.name);
    expect(names('da')).toEqual(['Amsterdam 9', 'Amsterdam 10', 'Zeeland', 'Ærø', 'Øresund']);
    expect(names('da', 'desc')).toEqual(['Øresund', 'Ærø', 'Zeeland', 'Amsterdam 10', 'Amsterdam 9']);
    const byN = filterAndSort(rows, opts('en'), { search: '', sort: 'n', order: 'desc' }).map((r) => r.n);
    expect(byN).toEqual([10, 3, 2, 2, null]);
  });

  it('searches every word, ignoring case and accents, after the page filters', () => {
    const found = (search: string, filter?: (r: Row) => boolean) =>
      filterAndSort(rows, opts('nl', filter), { search, sort: 'name', order: 'asc' }).map((r) => r.name);
    expect(found('ØRESUND')).toEqual(['Øresund']);
    expect(found('AMSTERDAM 9')).toEqual(['Amsterdam 9']);
    expect(found('amsterdam', (r) => r.kind === 'a')).toEqual(['Amsterdam 10']);
    expect(found('ærø')).toEqual(['Ærø']);
    expect(found('zeeland amsterdam')).toEqual([]);
  });

  it('writes CSV with a BOM, quoting and the formula guard', () => {
    const csv = toCsv<Row>(
      [
        ['name', (r) => r.name],
        ['n', (r) => r.n],
      ],
      [
        { name: '=SUM(A1)', n: 1, kind: '' },
        { name: 'a, "b"', n: null, kind: '' },
      ],
    );
    expect(csv).toBe('\ufeffname,n\r\n\'=SUM(A1),1\r\n"a, ""b""",\r\n');
  });
});
