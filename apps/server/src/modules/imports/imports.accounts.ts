import type { BulkTx } from '../../platform/db/bulk.ts';
import type { Db } from '../../platform/db/database.ts';
import { INT4_MAX } from '../../platform/http/schemas.ts';
import { newId } from '../../platform/ids.ts';
import { copyNewAccounts, EDITIONS, LIFECYCLE_STAGES, SEGMENTS, updateImportedAccounts } from '../accounts/index.ts';
import { copyAudit } from './imports.audit.ts';
import { findAccountsByKeys } from './imports.lookups.repository.ts';
import type { TRawRow } from './imports.parse.ts';
import {
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
import type { TAccountsAnnouncer } from './imports.undo.ts';
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
export function createAccountPipeline(
  run: TImportRun,
  lookups: TOrgLookups,
  columns: Map<string, TFieldColumn>,
  accounts: TAccountsAnnouncer,
) {
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
      // Through the accounts module's bulk writes: COPY for the new, one UPDATE for the existing (with before-images).
      await copyNewAccounts(tx, run.orgId, now, fresh);
      const before = await updateImportedAccounts(tx, run.orgId, now, existing);
      await accounts.announceBulkUpdate(tx.db, run.orgId, [...before.keys()]);
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
