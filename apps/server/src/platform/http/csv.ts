import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
/**
 * CSV export helpers. Cells that a spreadsheet would run as a formula (= + - @ tab CR) get a leading
 * apostrophe (OWASP CSV injection), so exports are safe to open in Excel; numbers are written as they are.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  // A number is data, never a formula: a negative amount stays -300 for the spreadsheet to add up.
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  let s = value instanceof Date ? value.toISOString() : Array.isArray(value) ? value.join('; ') : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export const csvLine = (cells: unknown[]) => `${cells.map(csvCell).join(',')}\r\n`;

export function attachmentHeaders(fileName: string) {
  return {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
    'cache-control': 'no-store',
  };
}

/**
 * A list's rows in batches of `size`, page by page through the same sorted query, until a short page:
 * what an export streams when the list has no cheaper keyset of its own.
 */
export async function* inBatches<T>(fetchPage: (limit: number, offset: number) => Promise<T[]>, size = 1000): AsyncGenerator<T[]> {
  for (let offset = 0; ; offset += size) {
    const rows = await fetchPage(size, offset);
    if (rows.length) yield rows;
    if (rows.length < size) return;
  }
}

export type CsvColumn<T> = readonly [header: string, value: (row: T) => unknown];

/**
 * Streams a CSV download (BOM for Excel, header line, then each batch as it comes). The first batch is
 * read before the reply starts, so a failing query is still an ordinary error response.
 */
export async function sendCsv<T>(reply: FastifyReply, fileName: string, columns: readonly CsvColumn<T>[], batches: AsyncGenerator<T[]>) {
  const first = await batches.next();
  async function* lines() {
    yield `\ufeff${csvLine(columns.map(([header]) => header))}`;
    let batch = first;
    while (!batch.done) {
      yield batch.value.map((row) => csvLine(columns.map(([, value]) => value(row)))).join('');
      batch = await batches.next();
    }
  }
  return reply.headers(attachmentHeaders(fileName)).send(Readable.from(lines()));
}
