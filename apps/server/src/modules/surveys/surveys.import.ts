import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import Papa from 'papaparse';
import { invalid } from '../../platform/errors.ts';
import { renderCode, type TUiLanguage } from '../../platform/messages.ts';
import { surveysMessages as m } from './surveys.messages.ts';
import type { TImportResult } from './surveys.schemas.ts';

/**
 * Survey answers from a CSV file (an export of a survey tool). The header names the columns, compared loosely
 * (case, spaces and punctuation ignored): who answered — `account` (external id or name) and/or `contact_email`
 * (a contact's answer is on the contact's account) —, `score` (or a header naming the scale, "…0-10…", "…1-5…"),
 * and optionally `comment`, `answered_at` (ISO 8601; without an offset UTC; default: now) and `response_id` (the
 * tool's id; without one, the row's cells make it). The same file imported again records nothing twice.
 */
const COLUMNS = {
  account: ['account', 'account_name', 'account_external_id', 'external_id', 'customer', 'customer_id', 'company'],
  email: ['contact_email', 'email', 'e_mail', 'respondent_email'],
  score: ['score', 'nps', 'csat', 'rating', 'answer', 'nps_score'],
  comment: ['comment', 'comments', 'reason', 'why', 'feedback'],
  answeredAt: ['answered_at', 'timestamp', 'date', 'submitted_at', 'created_at', 'time', 'responded_at'],
  responseId: ['response_id', 'id', 'source_ref'],
} as const;
type TColumn = keyof typeof COLUMNS;

export const MAX_IMPORT_ROWS = 50_000;
const MAX_REPORTED = 100;

export const normaliseHeader = (h: string) =>
  h
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');

export function headerMap(header: string[]) {
  const names = header.map(normaliseHeader);
  const known = new Map<TColumn, number>();
  for (const [column, synonyms] of Object.entries(COLUMNS) as [TColumn, readonly string[]][]) {
    const i = names.findIndex((n) => synonyms.includes(n));
    if (i >= 0) known.set(column, i);
  }
  if (!known.has('score')) {
    const i = names.findIndex((n) => /(^|_)(0_10|1_5)(_|$)/.test(n));
    if (i >= 0) known.set('score', i);
  }
  if (!known.has('score')) throw invalid('file', m.survey_csv_missing_column, { column: 'score' });
  if (!known.has('account') && !known.has('email')) throw invalid('file', m.survey_csv_no_respondent_column);
  return known;
}

/** A cell as an instant: ISO 8601 with an offset as given; a date or "date time" without one is UTC. */
export function parseAnsweredAt(cell: string): Date | null {
  const v = cell.trim();
  const local = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(:\d{2}(?:\.\d{1,6})?)?)?$/.exec(v);
  const iso = local ? `${local[1]}T${local[2] ?? '00:00'}${local[3] ?? ':00'}Z` : v.replace(' ', 'T');
  if (!/^\d{4}-\d{2}-\d{2}T/.test(iso)) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

export interface TParsedRow {
  row: number;
  account: string | null;
  email: string | null;
  score: number;
  comment: string | null;
  answeredAt: Date | null;
  sourceRef: string;
}

type TRowError = { row: number; field: string; code: string };

/** One row, or the first field that is wrong (the score range is the survey's). */
export function parseRow(
  cells: string[],
  map: Map<TColumn, number>,
  row: number,
  range: { min: number; max: number },
): TParsedRow | TRowError {
  const cell = (c: TColumn) => {
    const i = map.get(c);
    const v = i === undefined ? '' : (cells[i] ?? '').trim();
    return v === '' ? null : v;
  };
  const rawScore = cell('score') ?? '';
  const score = /^\d{1,2}$/.test(rawScore) ? Number(rawScore) : Number.NaN;
  if (!(score >= range.min && score <= range.max)) return { row, field: 'score', code: m.survey_csv_bad_score.code };
  const rawDate = cell('answeredAt');
  const answeredAt = rawDate === null ? null : parseAnsweredAt(rawDate);
  if (rawDate !== null && !answeredAt) return { row, field: 'answered_at', code: m.survey_csv_bad_date.code };
  const account = cell('account');
  const email = cell('email');
  if (!account && !email) return { row, field: 'account', code: m.survey_csv_unknown_account.code };
  const sourceRef =
    cell('responseId') ??
    `csv-${createHash('sha256')
      .update(cells.map((c) => c.trim()).join('\u0000'))
      .digest('hex')
      .slice(0, 32)}`;
  return {
    row,
    account: account?.toLowerCase() ?? null,
    email: email?.toLowerCase() ?? null,
    score,
    comment: cell('comment'),
    answeredAt,
    sourceRef,
  };
}

/** Reads the whole CSV (answers files are small: at most 50,000 rows) into rows and refused rows. */
export async function readAnswersCsv(input: Readable, range: { min: number; max: number }) {
  const rows: TParsedRow[] = [];
  const errors: TRowError[] = [];
  let map: Map<TColumn, number> | null = null;
  let rowNumber = 0;
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { skipEmptyLines: 'greedy' });
  input.on('error', (e) => parser.destroy(e));
  input.pipe(parser);
  for await (const cells of parser as AsyncIterable<string[]>) {
    rowNumber++;
    if (!map) {
      if (cells.some((c) => c.includes('\u0000'))) throw invalid('file', m.survey_csv_not_text);
      map = headerMap(cells);
      continue;
    }
    if (rowNumber - 1 > MAX_IMPORT_ROWS) throw invalid('file', m.survey_csv_too_large);
    const r = parseRow(cells, map, rowNumber, range);
    if ('code' in r) errors.push(r);
    else rows.push(r);
  }
  if (!map) throw invalid('file', m.survey_csv_not_text);
  if (!rows.length && !errors.length) throw invalid('file', m.survey_csv_no_rows);
  return { rows, errors };
}

/** The import's answer: counts and the first 100 refused rows, in the user's language. */
export function importResult(received: number, recorded: number, errors: TRowError[], lang: TUiLanguage): TImportResult {
  return {
    received,
    recorded,
    duplicates: received - recorded - errors.length,
    rejectedCount: errors.length,
    rejected: errors.slice(0, MAX_REPORTED).map((e) => ({ ...e, message: renderCode(e.code, lang) ?? e.code })),
  };
}
