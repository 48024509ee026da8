import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { checkCustomValues, loadCustomFields, type TCustomFieldDef } from '../custom-fields/index.ts';
import type { TImportEntity } from './imports.fields.ts';
import { findMarkets, findUsers } from './imports.lookups.repository.ts';
import type { TRawRow } from './imports.parse.ts';
import { isProblem, Problem, parseDate, parseNumber, problem, shownValue } from './imports.values.ts';

/** Shared machinery of the account and contact pipelines: organisation lookups, cell reading, error collection. */

export interface TRowError {
  rowNumber: number;
  field: string;
  column: string | null;
  /** English, for API clients and the CSV; `code` and `params` give it in the reader's language (imports.messages.ts). */
  message: string;
  value: string | null;
  /** Null on rows stored before codes existed. */
  code: string | null;
  params: Record<string, string> | null;
}

/** Who the import writes as (audit rows) and what it is. */
export interface TImportRun {
  orgId: string;
  importId: string;
  /** The uploaded file's name: the audit entries name it, so a record's history says where a change came from. */
  fileName: string;
  actorUserId: string | null;
  actorLabel: string;
  clock: Clock;
}

/** The organisation's markets, users and custom fields, loaded once per pass. */
export interface TOrgLookups {
  markets: Map<string, string>;
  marketCodes: string[];
  users: Map<string, { id: string; disabled: boolean } | 'ambiguous'>;
  customDefs: TCustomFieldDef[];
}

/** The custom fields a column may be mapped to: the account's or the contact's; subscriptions have none. */
export const customFieldsOf = async (db: Db, orgId: string, entity: TImportEntity): Promise<TCustomFieldDef[]> =>
  entity === 'subscriptions' ? [] : loadCustomFields(db, orgId, entity === 'accounts' ? 'account' : 'contact');

export async function loadOrgLookups(db: Db, orgId: string, entity: TImportEntity): Promise<TOrgLookups> {
  const [marketRows, userRows, customDefs] = await Promise.all([
    findMarkets(db, orgId),
    findUsers(db, orgId),
    customFieldsOf(db, orgId, entity),
  ]);
  const marketMap = new Map<string, string>();
  for (const m of marketRows) marketMap.set(m.name.trim().toLowerCase(), m.id);
  for (const m of marketRows) marketMap.set(m.code.trim().toLowerCase(), m.id); // a code wins over a name
  const userMap: TOrgLookups['users'] = new Map();
  for (const u of userRows) {
    const key = u.name.trim().toLowerCase();
    userMap.set(key, userMap.has(key) ? 'ambiguous' : { id: u.id, disabled: u.disabledAt !== null });
  }
  for (const u of userRows) userMap.set(u.email.toLowerCase(), { id: u.id, disabled: u.disabledAt !== null });
  return { markets: marketMap, marketCodes: marketRows.map((m) => m.code).sort(), users: userMap, customDefs };
}

export function resolveMarket(lookups: TOrgLookups, raw: string): string | Problem {
  return (
    lookups.markets.get(raw.toLowerCase()) ??
    (lookups.marketCodes.length ? problem('unknown_market_use', { codes: lookups.marketCodes.join(', ') }) : problem('no_markets'))
  );
}

export function resolveUser(lookups: TOrgLookups, raw: string): string | Problem {
  const u = lookups.users.get(raw.toLowerCase());
  if (u === 'ambiguous') return problem('user_name_ambiguous');
  if (!u) return problem('unknown_user_email');
  if (u.disabled) return problem('user_disabled');
  return u.id;
}

/** Where each mapped field's value is in a row. */
export interface TFieldColumn {
  field: string;
  column: string;
  index: number;
}

export function mappedColumns(mapping: Record<string, string>, columns: string[]): Map<string, TFieldColumn> {
  const out = new Map<string, TFieldColumn>();
  for (const [column, field] of Object.entries(mapping)) {
    const index = columns.indexOf(column);
    if (index >= 0) out.set(field, { field, column, index });
  }
  return out;
}

/**
 * One row being checked: reads mapped cells (trimmed; blank means "not given") and collects every
 * problem, each naming the field, the file's column and the offending value.
 */
export class RowReader {
  readonly errors: TRowError[] = [];
  constructor(
    readonly row: TRawRow,
    private readonly columns: Map<string, TFieldColumn>,
  ) {}

  raw(field: string): string {
    const c = this.columns.get(field);
    return c ? (this.row.cells[c.index] ?? '').trim() : '';
  }

  /** The parsed value of a mapped, non-blank cell; null when blank or unmapped; null plus an error when invalid. */
  get<T>(field: string, parse: (raw: string) => T | Problem): T | null {
    const raw = this.raw(field);
    if (raw === '') return null;
    const v = parse(raw);
    if (isProblem(v)) {
      this.fail(field, v, raw);
      return null;
    }
    return v;
  }

  fail(field: string, problem: Problem, raw?: string) {
    if (this.errors.some((e) => e.field === field)) return; // one problem per field and row is enough
    const column = this.columns.get(field)?.column ?? null;
    const value = raw ?? this.raw(field);
    this.errors.push({
      rowNumber: this.row.rowNumber,
      field,
      column,
      message: problem.message,
      value: value === '' ? null : shownValue(value),
      code: problem.code,
      params: problem.params,
    });
  }

  get ok() {
    return this.errors.length === 0;
  }
}

/**
 * Custom field cells: numbers and dates are read leniently first (1.234,5 / 31-12-2026), then checked
 * by the same rules as the API (checkCustomValues). A field left blank keeps its stored value.
 */
export function readCustomValues(
  reader: RowReader,
  defs: TCustomFieldDef[],
  isNew: boolean,
): Record<string, string | number | null> | null {
  const values: Record<string, unknown> = {};
  let given = false;
  for (const def of defs) {
    const field = `custom.${def.key}`;
    const raw = reader.raw(field);
    if (raw === '') continue;
    let v: unknown = raw;
    if (def.type === 'number') v = parseNumber(raw);
    else if (def.type === 'date') v = parseDate(raw);
    else if (def.type === 'choice') v = def.options.find((o) => o.toLowerCase() === raw.toLowerCase()) ?? raw;
    if (isProblem(v)) {
      reader.fail(field, v, raw);
      continue;
    }
    values[def.key] = v;
    given = true;
  }
  const { values: clean, errors } = checkCustomValues(defs, values, { requireAll: isNew });
  for (const e of errors) reader.fail(e.field, Problem.fromDetail(e));
  return given ? clean : null;
}

/** Remembers keys seen earlier in the file, so a second row with the same key is reported, not silently merged. */
export class SeenKeys {
  private readonly seen = new Map<string, number>();
  /** The row that had this key first, or null (and the key is recorded for this row). */
  claim(key: string, rowNumber: number): number | null {
    const first = this.seen.get(key);
    if (first !== undefined && first !== rowNumber) return first;
    this.seen.set(key, rowNumber);
    return null;
  }
}
