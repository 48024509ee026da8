import path from 'node:path';
import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { AppError, invalid } from '../../platform/errors.ts';
import { importMessages as m } from './imports.messages.ts';
import type { TParseOptions } from './imports.table.ts';

/**
 * Reading uploaded files as rows of text cells, streaming: a 100k-row file is never held as rows in
 * memory. CSV goes through papaparse (delimiter and encoding decided once at upload), .xlsx through
 * exceljs' streaming WorkbookReader (first worksheet; date cells become ISO dates).
 */
export const IMPORT_FORMATS = ['csv', 'xlsx'] as const;
export type TImportFormat = (typeof IMPORT_FORMATS)[number];

export interface TRawRow {
  /** The row number a spreadsheet shows for this record (the header is usually row 1). */
  rowNumber: number;
  cells: string[];
}

export const MAX_COLUMNS = 500;
export const SAMPLE_ROWS = 5;
const MAX_SAMPLE_CELL = 500;
const MAX_COLUMN_NAME = 200;

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);
const TEXT_EXTENSIONS = new Set(['', '.csv', '.txt', '.tsv']);

/** Decide the format from the bytes (the name only breaks ties), and for CSV the encoding and delimiter. */
export function sniffFile(bytes: Buffer, fileName: string): { format: TImportFormat; parseOptions: TParseOptions } {
  if (!bytes.length) throw invalid('file', m.file_empty);
  const ext = path.extname(fileName).toLowerCase();
  if (bytes.subarray(0, 4).equals(OLE)) {
    throw invalid('file', m.file_old_excel);
  }
  if (bytes.subarray(0, 4).equals(ZIP)) {
    if (ext !== '.xlsx' && ext !== '') throw invalid('file', m.file_not_supported);
    return { format: 'xlsx', parseOptions: {} };
  }
  if (!TEXT_EXTENSIONS.has(ext)) throw invalid('file', m.file_not_supported);
  const encoding = detectEncoding(bytes);
  const head = new TextDecoder(encoding).decode(bytes.subarray(0, 64 * 1024));
  if (head.includes('\u0000')) throw invalid('file', m.file_binary);
  return { format: 'csv', parseOptions: { encoding, newline: detectNewline(head), ...detectDelimiter(head) } };
}

/** UTF-8 (with or without BOM), UTF-16 by BOM, otherwise Windows-1252 (what older Excel versions save as "CSV"). */
function detectEncoding(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    const step = 1024 * 1024;
    for (let i = 0; i < bytes.length; i += step) decoder.decode(bytes.subarray(i, i + step), { stream: true });
    decoder.decode();
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/** Decided once: papaparse would otherwise guess per stream and can be fooled by a chunk ending between \r and \n. */
function detectNewline(text: string): '\r\n' | '\n' | '\r' {
  const i = text.search(/[\r\n]/);
  if (i < 0 || text[i] === '\n') return '\n';
  return text[i + 1] === '\n' ? '\r\n' : '\r';
}

const DELIMITERS = [',', ';', '\t', '|'];

/** The delimiter that splits the header line most often (outside quotes); Excel's `sep=;` first line wins. */
function detectDelimiter(text: string): { delimiter: string; skipFirstLine?: boolean } {
  const lines = text.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '');
  const sep = /^sep=(.)\s*$/i.exec(lines[0] ?? '');
  if (sep?.[1]) return { delimiter: sep[1], skipFirstLine: true };
  const count = (line: string, d: string) => {
    let n = 0;
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (ch === d && !quoted) n++;
    }
    return n;
  };
  let best = ',';
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const score = count(lines[0] ?? '', d) * 1000 + Math.min(count(lines[1] ?? '', d), 999);
    if (score > bestScore) [best, bestScore] = [d, score];
  }
  return { delimiter: best };
}

/**
 * Every non-blank record of the file, the header first, with the row number a spreadsheet shows; in
 * batches (one per chunk read), because handing out 100k rows one by one through a stream costs more
 * than parsing them.
 */
export async function* readRecords(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  format: TImportFormat,
  options: TParseOptions,
): AsyncGenerator<TRawRow[]> {
  if (format === 'xlsx') yield* readXlsx(source);
  else yield* readCsv(source, options);
}

async function* decode(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, encoding: string) {
  const decoder = new TextDecoder(encoding); // drops a byte-order mark
  for await (const chunk of source) {
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

/**
 * papaparse's own incremental parser, fed one decoded chunk at a time: each call parses the complete
 * records and leaves the last (possibly cut) one for the next chunk, exactly as papaparse's streamers do.
 */
async function* readCsv(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, options: TParseOptions): AsyncGenerator<TRawRow[]> {
  const parser = new Papa.Parser({ delimiter: options.delimiter ?? ',', newline: options.newline ?? '\n', quoteChar: '"' });
  let rowNumber = options.skipFirstLine ? -1 : 0;
  let partial = '';
  let base = 0;
  const toRows = (data: string[][]) => {
    const rows: TRawRow[] = [];
    for (const cells of data) {
      rowNumber++;
      if (rowNumber >= 1 && !isBlank(cells)) rows.push({ rowNumber, cells });
    }
    return rows;
  };
  for await (const text of decode(source, options.encoding ?? 'utf-8')) {
    const input = partial + text;
    const result = parser.parse(input, base, true) as { data: string[][]; meta: { cursor: number } };
    partial = input.slice(result.meta.cursor - base);
    base = result.meta.cursor;
    const rows = toRows(result.data);
    if (rows.length) yield rows;
  }
  if (partial) {
    const rows = toRows((parser.parse(partial, base, false) as { data: string[][] }).data);
    if (rows.length) yield rows;
  }
}

async function* readXlsx(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<TRawRow[]> {
  // Loaded on first use: exceljs alone is about a third of a second of every server start.
  const { default: Excel } = await import('exceljs');
  const input = Readable.from(source);
  const reader = new Excel.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    styles: 'cache', // needed to tell date cells from numbers
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  try {
    for await (const sheet of reader) {
      let batch: TRawRow[] = [];
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as unknown[];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
        if (isBlank(cells)) continue;
        batch.push({ rowNumber: row.number, cells });
        if (batch.length >= 500) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length) yield batch;
      return; // only the first worksheet
    }
  } finally {
    input.destroy();
  }
}

const isBlank = (cells: string[]) => cells.every((c) => c === undefined || c === null || c.trim() === '');

/** An exceljs cell value as the text a user sees: rich text joined, formulas by result, dates as ISO. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(15)));
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return '';
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: unknown };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('');
    if ('result' in o) return cellText(o.result);
    if ('text' in o) return cellText(o.text);
    if ('error' in o) return '';
  }
  return String(v);
}

/** Unique, non-empty column names from the header row ("Column C" for a blank header, "Name (2)" for a repeat). */
export function columnsFromHeader(cells: string[]): string[] {
  let width = cells.length;
  while (width > 0 && !cells[width - 1]?.trim()) width--;
  if (width > MAX_COLUMNS) throw invalid('file', m.file_too_many_columns, { count: width, max: MAX_COLUMNS });
  const seen = new Map<string, number>();
  const names: string[] = [];
  for (let i = 0; i < width; i++) {
    const given = cells[i]?.trim() ?? '';
    // "__proto__" cannot be a key of the mapping a client sends (JSON parsers refuse it), so it is renamed.
    const base = (given === '__proto__' ? `${given} (${columnLetter(i)})` : given || `Column ${columnLetter(i)}`).slice(0, MAX_COLUMN_NAME);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    names.push(n === 1 ? base : `${base} (${n})`);
  }
  return names;
}

function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The header and the first few data rows, for the mapping step. */
export async function readPreview(bytes: Buffer, format: TImportFormat, options: TParseOptions) {
  let columns: string[] | null = null;
  const sampleRows: string[][] = [];
  try {
    // Fed in small slices, so finding the first rows does not mean parsing the whole file.
    const slices = function* () {
      for (let i = 0; i < bytes.length; i += 64 * 1024) yield bytes.subarray(i, i + 64 * 1024);
    };
    read: for await (const records of readRecords(slices(), format, options)) {
      for (const record of records) {
        if (!columns) {
          columns = columnsFromHeader(record.cells);
          continue;
        }
        const header = columns;
        sampleRows.push(header.map((_, i) => (record.cells[i] ?? '').slice(0, MAX_SAMPLE_CELL)));
        if (sampleRows.length >= SAMPLE_ROWS) break read;
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    // The reader's own error stays attached for the logs and tests (the answer names only the file).
    throw Object.assign(invalid('file', format === 'xlsx' ? m.file_unreadable_xlsx : m.file_unreadable_csv), { cause: err });
  }
  if (!columns?.length) throw invalid('file', m.file_no_header);
  if (!sampleRows.length) throw invalid('file', m.file_no_rows);
  return { columns, sampleRows };
}
