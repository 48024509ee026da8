import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { INT4_MAX } from '../../platform/http/schemas.ts';
import { newId } from '../../platform/ids.ts';
import { EDITIONS, LIFECYCLE_STAGES, SEGMENTS } from '../accounts/index.ts';
import { copyAudit, updateReturningBefore } from './imports.audit.ts';
import { type BulkTx, copyCell, copyLine, copyTextArray } from './imports.bulk.ts';
import { findAccountsByKeys } from './imports.lookups.repository.ts';
import type { TRawRow } from './imports.parse.ts';
import {
  columnsOf,
  RowReader,
  readCustomValues,
  resolveMarket,
  resolveUser,
  SeenKeys,
  type TFieldColumn,
  type TImportRun,
  type TOrgLookups,
  type TRowError,
} from './imports.rows.ts';
import { beforeImage } from './imports.undo.ts';
import { choiceParser, type Problem, parseDomain, parseInteger, parseText, parseUrl, problem, splitList } from './imports.values.ts';

/** One checked account row, ready to write: `id` is the matched account's id, or a new one. */
export interface TAccountRecord {
  rowNumber: number;
  id: string;
  isNew: boolean;
  name: string;
  domain: string | null;
  externalId: string | null;
  marketId: string | null;
  segment: string | null;
  edition: string | null;
  lifecycleStage: string | null;
  ownerUserId: string | null;
  tags: string[] | null;
  employees: number | null;
  website: string | null;
  notes: string | null;
  custom: Record<string, unknown> | null;
}

const parseSegment = choiceParser(
  SEGMENTS,
  {
    'mid-size': 'mid_market',
    midmarket: 'mid_market',
    mkb: 'smb',
    smv: 'smb',
    sme: 'smb',
    small: 'smb',
  },
  'segment',
);
const parseEdition = choiceParser(
  EDITIONS,
  { selfservice: 'self_service', self: 'self_service', pro: 'professional', ent: 'enterprise' },
  'edition',
);
const parseStage = choiceParser(
  LIFECYCLE_STAGES,
  {
    'at risk': 'at_risk',
    risk: 'at_risk',
    churn: 'churned',
    proef: 'trial',
    proeve: 'trial',
  },
  'lifecycleStage',
);
const TAG_OK = /^[^\p{Cc}]{1,50}$/u;

function parseTags(raw: string): string[] | Problem {
  const tags = splitList(raw);
  if (tags.length > 50) return problem('too_many_tags', { max: 50 });
  const bad = tags.find((t) => !TAG_OK.test(t));
  return bad ? problem('invalid_tag', { tag: bad.slice(0, 60) }) : tags;
}

/**
 * Accounts: check rows (types, choices, market by code, owner by e-mail, custom fields, duplicate keys in
 * the file) and resolve each to an existing account (external id first, then domain, case-insensitive)
 * or a new one; write batches with one INSERT … SELECT FROM unnest and one UPDATE … FROM unnest.
 */
export function createAccountPipeline(run: TImportRun, lookups: TOrgLookups, columns: Map<string, TFieldColumn>) {
  const seenExternalIds = new SeenKeys();
  const seenDomains = new SeenKeys();
  const seenTargets = new SeenKeys();

  // Parsers made once per import, not once per row.
  const parseName = (v: string) => parseText(v, 200);
  const parseExternalId = (v: string) => parseText(v, 100);
  const parseMarket = (v: string) => resolveMarket(lookups, v);
  const parseOwner = (v: string) => resolveUser(lookups, v);
  const parseEmployees = (v: string) => parseInteger(v, 0, INT4_MAX);
  const parseNotes = (v: string) => parseText(v, 10_000);

  function readRow(row: TRawRow) {
    const r = new RowReader(row, columns);
    const name = r.get('name', parseName);
    if (name === null && r.raw('name') === '') r.fail('name', problem('is_required'));
    const values = {
      name: name ?? '',
      domain: r.get('domain', parseDomain),
      externalId: r.get('externalId', parseExternalId),
      marketId: r.get('market', parseMarket),
      segment: r.get('segment', parseSegment),
      edition: r.get('edition', parseEdition),
      lifecycleStage: r.get('lifecycleStage', parseStage),
      ownerUserId: r.get('owner', parseOwner),
      tags: r.get('tags', parseTags),
      employees: r.get('employees', parseEmployees),
      website: r.get('website', parseUrl),
      notes: r.get('notes', parseNotes),
    };
    return { r, values };
  }

  return {
    /** Check a batch; `db` may be a transaction, so what is checked is what gets written. */
    async check(db: Db, rows: TRawRow[]): Promise<{ records: TAccountRecord[]; errors: TRowError[]; invalidRows: number }> {
      const read = rows.map(readRow);
      const externalIds = read.flatMap(({ values }) => (values.externalId ? [values.externalId] : []));
      const domains = read.flatMap(({ values }) => (values.domain ? [values.domain] : []));
      const { byExternalId, byDomain } = await findAccountsByKeys(db, run.orgId, externalIds, domains);
      const records: TAccountRecord[] = [];
      const errors: TRowError[] = [];
      let invalidRows = 0;
      for (const { r, values } of read) {
        const rowNumber = r.row.rowNumber;
        if (values.externalId) {
          const first = seenExternalIds.claim(values.externalId, rowNumber);
          if (first) r.fail('externalId', problem('same_external_id_as_row', { row: first }));
        }
        if (values.domain) {
          const first = seenDomains.claim(values.domain, rowNumber);
          if (first) r.fail('domain', problem('same_domain_as_row', { row: first }));
        }
        const byId = values.externalId ? byExternalId.get(values.externalId) : undefined;
        const byDom = values.domain ? byDomain.get(values.domain) : undefined;
        const match = byId ?? byDom;
        if (byId && byDom && byDom.id !== byId.id) {
          r.fail(
            'domain',
            byDom.externalId
              ? problem('domain_of_other_account', { externalId: byDom.externalId })
              : problem('domain_of_account_without_id'),
          );
        } else if (!byId && byDom?.externalId && values.externalId && byDom.externalId !== values.externalId) {
          r.fail('externalId', problem('domain_account_other_id', { externalId: byDom.externalId }));
        }
        if (match) {
          const first = seenTargets.claim(match.id, rowNumber);
          if (first) r.fail(byId ? 'externalId' : 'domain', problem('same_account_as_row', { row: first }));
        }
        const custom = readCustomValues(r, lookups.customDefs, !match);
        if (!r.ok) {
          errors.push(...r.errors);
          invalidRows++;
          continue;
        }
        records.push({ rowNumber, id: match?.id ?? newId(), isNew: !match, ...values, custom });
      }
      return { records, errors, invalidRows };
    },

    async write(tx: BulkTx, records: TAccountRecord[]) {
      const now = run.clock.now().toISOString();
      const fresh = records.filter((r) => r.isNew);
      const existing = records.filter((r) => !r.isNew);
      await tx.copy(
        'accounts',
        INSERT_COLUMNS,
        fresh.map((r) => insertLine(run.orgId, now, r)),
      );
      const before = existing.length ? await updateReturningBefore(tx, updateSql(run.orgId, now, existing)) : new Map<string, string>();
      await copyAudit(tx, run, now, 'account', records, before, ACCOUNT_AUDITED);
      return { inserted: fresh.length, updated: existing.length };
    },
  };
}

/** The fields of an account record whose imported values its audit entry lists (when they changed). */
const ACCOUNT_AUDITED = [
  'name',
  'domain',
  'externalId',
  'marketId',
  'segment',
  'edition',
  'lifecycleStage',
  'ownerUserId',
  'tags',
  'employees',
  'website',
  'notes',
  'custom',
] as const;

const TAG_SEPARATOR = '\u001f'; // cannot occur in a tag (control characters are refused)

function arrays(records: TAccountRecord[]) {
  const c = columnsOf(records, {
    id: (r) => r.id,
    name: (r) => r.name,
    domain: (r) => r.domain,
    externalId: (r) => r.externalId,
    marketId: (r) => r.marketId,
    segment: (r) => r.segment,
    edition: (r) => r.edition,
    stage: (r) => r.lifecycleStage,
    owner: (r) => r.ownerUserId,
    tags: (r) => (r.tags ? r.tags.join(TAG_SEPARATOR) : null),
    employees: (r) => r.employees,
    website: (r) => r.website,
    notes: (r) => r.notes,
    custom: (r) => (r.custom ? JSON.stringify(r.custom) : null),
  });
  const p = sql.param;
  return sql`unnest(${p(c.id)}::uuid[], ${p(c.name)}::text[], ${p(c.domain)}::text[], ${p(c.externalId)}::text[],
    ${p(c.marketId)}::uuid[], ${p(c.segment)}::text[], ${p(c.edition)}::text[], ${p(c.stage)}::text[], ${p(c.owner)}::uuid[],
    ${p(c.tags)}::text[], ${p(c.employees)}::int[], ${p(c.website)}::text[], ${p(c.notes)}::text[], ${p(c.custom)}::text[])
    as r(id, name, domain, external_id, market_id, segment, edition, lifecycle_stage, owner_user_id, tags, employees, website, notes, custom)`;
}

const INSERT_COLUMNS = [
  'org_id',
  'id',
  'name',
  'domain',
  'external_id',
  'market_id',
  'segment',
  'edition',
  'lifecycle_stage',
  'owner_user_id',
  'tags',
  'employees',
  'website',
  'notes',
  'custom',
  'version',
  'created_at',
  'updated_at',
];

function insertLine(orgId: string, now: string, r: TAccountRecord) {
  return copyLine([
    orgId,
    r.id,
    copyCell(r.name),
    copyCell(r.domain),
    copyCell(r.externalId),
    copyCell(r.marketId),
    copyCell(r.segment),
    copyCell(r.edition),
    r.lifecycleStage ?? 'onboarding',
    copyCell(r.ownerUserId),
    copyTextArray(r.tags ?? []),
    copyCell(r.employees),
    copyCell(r.website),
    copyCell(r.notes),
    copyCell(JSON.stringify(r.custom ?? {})),
    '1',
    now,
    now,
  ]);
}

/** Blank cells keep what the account has; given values replace it (tags as a whole list, custom fields per key). */
function updateSql(orgId: string, now: string, records: TAccountRecord[]) {
  return sql`
    update accounts a set
      name = r.name,
      domain = coalesce(r.domain, a.domain),
      external_id = coalesce(r.external_id, a.external_id),
      market_id = coalesce(r.market_id, a.market_id),
      segment = coalesce(r.segment, a.segment),
      edition = coalesce(r.edition, a.edition),
      lifecycle_stage = coalesce(r.lifecycle_stage, a.lifecycle_stage),
      owner_user_id = coalesce(r.owner_user_id, a.owner_user_id),
      tags = coalesce(string_to_array(r.tags, ${TAG_SEPARATOR}), a.tags),
      employees = coalesce(r.employees, a.employees),
      website = coalesce(r.website, a.website),
      notes = coalesce(r.notes, a.notes),
      custom = a.custom || coalesce(r.custom::jsonb, '{}'),
      version = a.version + 1,
      updated_at = ${now}::timestamptz
    from (select r.*, ${beforeImage('accounts', 'o')} as before
          from ${arrays(records)} join accounts o on o.org_id = ${orgId}::uuid and o.id = r.id) r
    where a.org_id = ${orgId}::uuid and a.id = r.id
    returning a.id, r.before::text as before`;
}
