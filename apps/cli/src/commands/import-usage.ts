// `customer365 import usage <file.csv>`: a back-fill of usage events through the native bulk API
// (POST /api/v1/usage/events), idempotent: every row gets a message id (its own message_id column, else one derived
// from its row number and values), so importing the same file again stores nothing twice.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { type ApiOptions, connectApi, expectOk } from '../api.ts';
import { CliError, EXIT, say, usageError } from '../errors.ts';

export interface TUsageImportOptions extends ApiOptions {
  mode: 'all_or_nothing' | 'skip_invalid';
  mapping: string;
}

/** The fields a column can map to; every other column becomes a property of the event. */
export const USAGE_FIELDS = ['account_external_id', 'account_id', 'user_id', 'event', 'timestamp', 'message_id'] as const;
type TField = (typeof USAGE_FIELDS)[number];
const SYNONYMS: Record<TField, string[]> = {
  account_external_id: ['account_external_id', 'external_id', 'customer_id', 'account', 'group_id', 'groupid', 'company_id'],
  account_id: ['account_id'],
  user_id: ['user_id', 'userid', 'user', 'email', 'user_email'],
  event: ['event', 'event_name', 'name', 'feature', 'action'],
  timestamp: ['timestamp', 'time', 'date', 'occurred_at', 'created_at', 'ts'],
  message_id: ['message_id', 'messageid', 'event_id', 'id'],
};
const CHUNK = 1000;
const MAX_ERRORS_SHOWN = 200;
const norm = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

function mappingOf(columns: string[], option: string): Map<string, TField | null> {
  if (option !== 'auto') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(path.resolve(option), 'utf8'));
    } catch (err) {
      throw usageError(`--mapping: cannot read ${option} as JSON: ${(err as Error).message}`);
    }
    const entries = Object.entries((parsed ?? {}) as Record<string, unknown>);
    const bad = entries.find(([, v]) => v !== null && !USAGE_FIELDS.includes(v as TField));
    if (bad) throw usageError(`--mapping: "${bad[0]}" maps to "${String(bad[1])}"; the fields are ${USAGE_FIELDS.join(', ')} (or null)`);
    return new Map(columns.map((c) => [c, ((parsed as Record<string, TField | null>)[c] ?? null) as TField | null]));
  }
  const taken = new Set<TField>();
  return new Map(
    columns.map((c) => {
      const field = USAGE_FIELDS.find((f) => !taken.has(f) && SYNONYMS[f].includes(norm(c))) ?? null;
      if (field) taken.add(field);
      return [c, field];
    }),
  );
}

interface TRowError {
  row: number;
  field: string;
  message: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A cell that reads as a number becomes one in the properties; everything else stays text. */
const propertyValue = (v: string) => (v !== '' && /^-?\d+(\.\d+)?$/.test(v) && Number.isFinite(Number(v)) ? Number(v) : v);

export async function runUsageImport(file: string, opts: TUsageImportOptions) {
  const filePath = path.resolve(file);
  if (!fs.existsSync(filePath) || !fs.statSync(filePath).isFile()) throw usageError(`<file>: ${file} does not exist or is not a file`);
  if (!/\.csv$/i.test(filePath)) throw usageError(`<file>: ${file} must be a .csv file (usage events are imported from CSV)`);
  const api = connectApi(opts);
  const parsed = Papa.parse<Record<string, string>>(fs.readFileSync(filePath, 'utf8'), { header: true, skipEmptyLines: true });
  const columns = parsed.meta.fields ?? [];
  const mapping = mappingOf(columns, opts.mapping);
  const fieldColumn = new Map([...mapping].filter(([, f]) => f).map(([c, f]) => [f as TField, c]));
  say(`Mapping: ${columns.map((c) => `${c} → ${mapping.get(c) ?? 'property'}`).join(', ')}`);
  if (!fieldColumn.has('event')) throw usageError('No column maps to "event" (the event name): name it event, or pass --mapping');
  if (!fieldColumn.has('account_external_id') && !fieldColumn.has('account_id'))
    throw usageError('No column maps to account_external_id or account_id: name one so, or pass --mapping');

  const errors: TRowError[] = [];
  const events: { row: number; event: Record<string, unknown> }[] = [];
  for (const [i, record] of parsed.data.entries()) {
    const row = i + 2; // the header is row 1
    const get = (f: TField) => (fieldColumn.has(f) ? (record[fieldColumn.get(f) as string] ?? '').trim() : '');
    const fail = (field: string, message: string) => errors.push({ row, field, message });
    const accountId = get('account_id');
    const external = get('account_external_id');
    const name = get('event');
    const ts = get('timestamp');
    if (!name) {
      fail('event', 'is empty');
      continue;
    }
    if (name.length > 200) {
      fail('event', 'is longer than 200 characters');
      continue;
    }
    if (!accountId && !external) {
      fail('account', 'give account_external_id or account_id');
      continue;
    }
    if (accountId && !UUID.test(accountId)) {
      fail('account_id', 'is not an id (a UUID)');
      continue;
    }
    const ms = ts ? Date.parse(ts) : Number.NaN;
    if (ts && Number.isNaN(ms)) {
      fail('timestamp', `"${ts}" is not a date and time (use ISO 8601, e.g. 2026-03-01T10:00:00Z)`);
      continue;
    }
    const properties: Record<string, unknown> = {};
    for (const [c, f] of mapping) if (!f && record[c] !== undefined && record[c] !== '') properties[c] = propertyValue(record[c] as string);
    const messageId =
      get('message_id') ||
      `csv-${createHash('sha256')
        .update(`${row}\u0000${columns.map((c) => record[c] ?? '').join('\u0000')}`)
        .digest('hex')
        .slice(0, 32)}`;
    events.push({
      row,
      event: {
        messageId,
        ...(accountId ? { accountId } : { accountExternalId: external }),
        ...(get('user_id') ? { userId: get('user_id') } : {}),
        event: name,
        ...(ts ? { timestamp: new Date(ms).toISOString() } : {}),
        ...(Object.keys(properties).length ? { properties } : {}),
      },
    });
  }
  say(`Checked ${parsed.data.length} rows: ${events.length} valid, ${errors.length} with errors.`);
  const show = (list: TRowError[]) => {
    for (const e of list.slice(0, MAX_ERRORS_SHOWN)) say(`  row ${e.row}: ${e.field}: ${e.message}`);
    if (list.length > MAX_ERRORS_SHOWN) say(`  … ${list.length - MAX_ERRORS_SHOWN} more`);
  };
  show(errors);
  if (errors.length && opts.mode === 'all_or_nothing')
    throw new CliError(
      'Nothing was imported (--mode all_or_nothing). Fix the rows above, or use --mode skip_invalid to import the valid rows.',
      EXIT.usage,
    );

  const totals = { stored: 0, duplicates: 0 };
  const refused: TRowError[] = [];
  for (let i = 0; i < events.length; i += CHUNK) {
    const chunk = events.slice(i, i + CHUNK);
    const result = expectOk(
      'Sending events',
      await api.client.POST('/api/v1/usage/events', { body: { events: chunk.map((e) => e.event) as never } }),
    );
    totals.stored += result.stored;
    totals.duplicates += result.duplicates;
    for (const r of result.rejected) refused.push({ row: chunk[r.index]?.row ?? 0, field: r.field, message: r.message });
    say(`Sent ${Math.min(i + CHUNK, events.length)} / ${events.length} events`);
  }
  show(refused);
  say(
    `Imported ${path.basename(filePath)}: ${totals.stored} events stored, ${totals.duplicates} already stored (same message id), ${refused.length} refused by the server, ${errors.length} rows with errors.`,
  );
  if (refused.length && opts.mode === 'all_or_nothing')
    throw new CliError(`${refused.length} events were refused by the server.`, EXIT.failed);
}
