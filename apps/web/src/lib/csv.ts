/**
 * CSV built in the browser, for lists the API returns whole (markets, custom fields, API tokens). The
 * same rules as the server's exports: a BOM so Excel reads UTF-8, CRLF line ends, and cells a
 * spreadsheet would run as a formula (= + - @ tab CR) get a leading apostrophe; numbers are written as they are.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  // A number is data, never a formula: a negative amount stays -300 for the spreadsheet to add up.
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  let s = Array.isArray(value) ? value.join('; ') : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export type CsvColumn<T> = readonly [header: string, value: (row: T) => unknown];

export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): string {
  const line = (cells: unknown[]) => `${cells.map(csvCell).join(',')}\r\n`;
  return `\ufeff${line(columns.map(([header]) => header))}${rows.map((row) => line(columns.map(([, value]) => value(row)))).join('')}`;
}

/** Saves the rows as `fileName` through the browser's download. */
export function downloadCsv<T>(fileName: string, columns: readonly CsvColumn<T>[], rows: readonly T[]) {
  const url = URL.createObjectURL(new Blob([toCsv(columns, rows)], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
