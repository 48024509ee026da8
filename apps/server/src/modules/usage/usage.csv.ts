import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import Papa from 'papaparse';
import { invalid } from '../../platform/errors.ts';
import { renderCode, type TUiLanguage } from '../../platform/messages.ts';
import { usageCsvMessages as m } from './usage.csv.messages.ts';
import { type TIngestResult, type TNativeEvent, ZNativeEvent } from './usage.schemas.ts';

/**
 * Back-fills from a CSV file: one track event per row, through the native bulk API's path (same account lookup,
 * unmapped external ids kept, idempotent on message_id or, without one, on the row), streamed in batches so a large file is never held in
 * memory. The header names the columns; the ones it does not recognise become the event's properties.
 */

/** Recognised header names (compared lower-case, with spaces, dashes and camelCase turned into underscores). */
const COLUMNS = {
  timestamp: ['timestamp', 'time', 'ts', 'date', 'occurred_at', 'created_at', 'sent_at'],
  event: ['event', 'event_name', 'name', 'feature', 'action'],
  accountId: ['account_id'],
  accountExternalId: ['account_external_id', 'external_id', 'customer_id', 'account', 'group_id', 'groupid', 'company_id'],
  userId: ['user_id', 'userid', 'user', 'email', 'user_email'],
  messageId: ['message_id', 'messageid', 'event_id', 'id'],
} as const;
type TColumn = keyof typeof COLUMNS;

export const CSV_BATCH = 5_000;
const MAX_REPORTED = 100;

export interface TCsvRowError {
  /** The row number a spreadsheet shows (the header is row 1). */
  row: number;
  messageId: string | null;
  field: string;
  code: string;
  message: string;
}

export interface TCsvIngestResult {
  received: number;
  stored: number;
  duplicates: number;
  rejectedCount: number;
  /** The first 100 refused rows. */
  rejected: TCsvRowError[];
}

export const normaliseHeader = (h: string) =>
  h
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/** Which cell holds each known column; the rest are properties. */
export function headerMap(header: string[]) {
  const names = header.map(normaliseHeader);
  const known = new Map<TColumn, number>();
  for (const [column, synonyms] of Object.entries(COLUMNS) as [TColumn, readonly string[]][]) {
    const i = names.findIndex((n) => synonyms.includes(n));
    if (i >= 0) known.set(column, i);
  }
  if (!known.has('event')) throw invalid('file', m.usage_csv_missing_column, { column: 'event' });
  if (!known.has('accountId') && !known.has('accountExternalId')) throw invalid('file', m.usage_csv_no_account_column);
  const taken = new Set(known.values());
  const properties = names.flatMap((n, i) => (taken.has(i) || !n ? [] : [{ name: header[i]?.trim() ?? n, index: i }]));
  return { known, properties };
}

/** A timestamp cell as ISO 8601: with an offset as given; a date or "date time" without one is UTC. */
export function csvTimestamp(cell: string): string | null {
  const v = cell.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return `${v}T00:00:00Z`;
  const local = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)$/.exec(v);
  if (local) return `${local[1]}T${local[2]?.length === 5 ? `${local[2]}:00` : local[2]}Z`;
  const iso = v.replace(' ', 'T');
  return Number.isNaN(Date.parse(iso)) || !/^\d{4}-\d{2}-\d{2}T/.test(iso) ? null : iso;
}

const propertyValue = (cell: string): unknown => (/^-?\d+(\.\d+)?$/.test(cell) && cell.length < 16 ? Number(cell) : cell);

type TRowResult = { event: TNativeEvent } | { error: { field: string; code: string } };

/**
 * A row without a message_id gets one from its row number and cells, the same as `customer365 import usage` makes
 * it: the same file imported again, from the web or the CLI, stores nothing twice.
 */
export const derivedMessageId = (row: number, cells: string[]) =>
  `csv-${createHash('sha256')
    .update(`${row}\u0000${cells.join('\u0000')}`)
    .digest('hex')
    .slice(0, 32)}`;

/** One CSV row as a native event, or the first field that is wrong. */
export function rowToEvent(cells: string[], map: ReturnType<typeof headerMap>, row: number): TRowResult {
  const cell = (c: TColumn) => {
    const i = map.known.get(c);
    const v = i === undefined ? '' : (cells[i] ?? '').trim();
    return v === '' ? undefined : v;
  };
  const raw = cell('timestamp');
  const timestamp = raw === undefined ? undefined : csvTimestamp(raw);
  if (timestamp === null) return { error: { field: 'timestamp', code: 'usage_event_bad_timestamp' } };
  const properties: Record<string, unknown> = {};
  for (const p of map.properties) {
    const v = (cells[p.index] ?? '').trim();
    if (v !== '') properties[p.name] = propertyValue(v);
  }
  const candidate = {
    messageId: cell('messageId') ?? derivedMessageId(row, cells),
    accountId: cell('accountId'),
    accountExternalId: cell('accountExternalId'),
    userId: cell('userId'),
    event: cell('event') ?? '',
    timestamp,
    properties: Object.keys(properties).length ? properties : undefined,
  };
  const parsed = ZNativeEvent.safeParse(candidate);
  if (parsed.success) return { event: parsed.data };
  const field = String(parsed.error.issues[0]?.path[0] ?? 'event');
  return { error: { field, code: field === 'event' ? 'usage_event_no_name' : 'usage_csv_bad_value' } };
}

/** Reads the CSV stream and stores its rows as usage events of the organisation, a batch at a time. */
export async function ingestCsv(
  ingestBatch: (events: TNativeEvent[]) => Promise<TIngestResult>,
  input: Readable,
  lang: TUiLanguage,
): Promise<TCsvIngestResult> {
  const result: TCsvIngestResult = { received: 0, stored: 0, duplicates: 0, rejectedCount: 0, rejected: [] };
  const refuse = (row: number, messageId: string | null, field: string, code: string) => {
    result.rejectedCount++;
    if (result.rejected.length < MAX_REPORTED)
      result.rejected.push({ row, messageId, field, code, message: renderCode(code, lang) ?? code });
  };
  let map: ReturnType<typeof headerMap> | null = null;
  let rowNumber = 0;
  let batch: { row: number; event: TNativeEvent }[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const rows = batch;
    batch = [];
    const r = await ingestBatch(rows.map((b) => b.event));
    result.stored += r.stored;
    result.duplicates += r.duplicates;
    for (const e of r.rejected) refuse(rows[e.index]?.row ?? 0, e.messageId, e.field, e.code);
  };
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { skipEmptyLines: 'greedy' });
  // pipe() does not pass errors on: an upload cut at the size limit must end the read with its error.
  input.on('error', (e) => parser.destroy(e));
  input.pipe(parser);
  for await (const cells of parser as AsyncIterable<string[]>) {
    rowNumber++;
    if (!map) {
      if (cells.some((c) => c.includes('\u0000'))) throw invalid('file', m.usage_csv_not_text);
      map = headerMap(cells);
      continue;
    }
    result.received++;
    const r = rowToEvent(cells, map, rowNumber);
    if ('error' in r) refuse(rowNumber, null, r.error.field, r.error.code);
    else batch.push({ row: rowNumber, event: r.event });
    if (batch.length >= CSV_BATCH) await flush();
  }
  if (!map) throw invalid('file', m.usage_csv_not_text);
  await flush();
  if (!result.received) throw invalid('file', m.usage_csv_no_rows);
  return result;
}
