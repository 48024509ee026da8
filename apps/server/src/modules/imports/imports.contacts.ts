import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { CONTACT_ROLES } from '../contacts/index.ts';
import { copyAudit, updateReturningBefore } from './imports.audit.ts';
import { type BulkTx, copyCell, copyLine, copyTextArray } from './imports.bulk.ts';
import { choiceLabels } from './imports.choices.ts';
import { CONTACT_LANGUAGES } from './imports.fields.ts';
import { findAccountsByKeys, queryRows } from './imports.lookups.repository.ts';
import type { TRawRow } from './imports.parse.ts';
import {
  columnsOf,
  RowReader,
  readCustomValues,
  SeenKeys,
  type TFieldColumn,
  type TImportRun,
  type TOrgLookups,
  type TRowError,
} from './imports.rows.ts';
import { beforeImage } from './imports.undo.ts';
import {
  choiceParser,
  isProblem,
  type Problem,
  parseDomain,
  parseEmail,
  parsePhone,
  parseText,
  problem,
  splitList,
} from './imports.values.ts';

export interface TContactRecord {
  rowNumber: number;
  id: string;
  isNew: boolean;
  accountId: string;
  firstName: string;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  jobTitle: string | null;
  roles: string[] | null;
  language: string | null;
  externalId: string | null;
  custom: Record<string, unknown> | null;
}

const parseRole = choiceParser(
  CONTACT_ROLES,
  {
    'decision maker': 'decision_maker',
    beslisser: 'decision_maker',
    besluitvormer: 'decision_maker',
    beslutningstager: 'decision_maker',
    sponsor: 'executive_sponsor',
    facturatie: 'billing',
    fakturering: 'billing',
    finance: 'billing',
    technisch: 'technical',
    teknisk: 'technical',
    gebruiker: 'user',
    bruger: 'user',
    kampioen: 'champion',
  },
  'roles',
);
const parseLanguage = choiceParser(
  CONTACT_LANGUAGES,
  {
    english: 'en',
    engels: 'en',
    engelsk: 'en',
    dutch: 'nl',
    nederlands: 'nl',
    hollandsk: 'nl',
    'nl-nl': 'nl',
    'nl-be': 'nl',
    danish: 'da',
    dansk: 'da',
    deens: 'da',
    'da-dk': 'da',
    dk: 'da',
    german: 'de',
    deutsch: 'de',
    duits: 'de',
    tysk: 'de',
    french: 'fr',
    francais: 'fr',
    frans: 'fr',
    fransk: 'fr',
    swedish: 'sv',
    svenska: 'sv',
    zweeds: 'sv',
    svensk: 'sv',
    norwegian: 'no',
    norsk: 'no',
    noors: 'no',
    nb: 'no',
    finnish: 'fi',
    suomi: 'fi',
    fins: 'fi',
    finsk: 'fi',
    spanish: 'es',
    espanol: 'es',
    spaans: 'es',
    spansk: 'es',
    italian: 'it',
    italiano: 'it',
    italiaans: 'it',
    italiensk: 'it',
    'en-gb': 'en',
    'en-us': 'en',
  },
  'language',
);

/** The fields of a contact record whose imported values its audit entry lists (when they changed). */
const CONTACT_AUDITED = [
  'accountId',
  'firstName',
  'lastName',
  'email',
  'phone',
  'jobTitle',
  'roles',
  'language',
  'externalId',
  'custom',
] as const;

function parseRoles(raw: string): string[] | Problem {
  const roles: string[] = [];
  for (const item of splitList(raw)) {
    const role = parseRole(item);
    if (isProblem(role))
      return problem('not_a_contact_role', { role: item.slice(0, 60), roles: choiceLabels('roles', 'en'), choice: 'roles' });
    if (!roles.includes(role)) roles.push(role);
  }
  return roles;
}

interface TExistingContact {
  id: string;
  externalId: string | null;
  accountId: string;
  email: string | null;
}

/**
 * Contacts: each row names its account by the account's external id or domain; a contact matches an
 * existing one by its external id, then by (account, e-mail). Same check/write shape as accounts.
 */
export function createContactPipeline(run: TImportRun, lookups: TOrgLookups, columns: Map<string, TFieldColumn>) {
  const seenExternalIds = new SeenKeys();
  const seenEmails = new SeenKeys();
  const seenTargets = new SeenKeys();
  const accountField = columns.has('accountExternalId') ? 'accountExternalId' : 'accountDomain';

  function readRow(row: TRawRow) {
    const r = new RowReader(row, columns);
    const firstName = r.get('firstName', (v) => parseText(v, 100));
    if (r.raw('firstName') === '') r.fail('firstName', problem('is_required'));
    const values = {
      firstName: firstName ?? '',
      lastName: r.get('lastName', (v) => parseText(v, 100)),
      email: r.get('email', parseEmail),
      phone: r.get('phone', parsePhone),
      jobTitle: r.get('jobTitle', (v) => parseText(v, 150)),
      roles: r.get('roles', parseRoles),
      language: r.get('language', parseLanguage),
      externalId: r.get('externalId', (v) => parseText(v, 100)),
    };
    const account = { externalId: r.get('accountExternalId', (v) => parseText(v, 100)), domain: r.get('accountDomain', parseDomain) };
    if (!account.externalId && !account.domain && r.raw('accountExternalId') === '' && r.raw('accountDomain') === '') {
      r.fail(accountField, problem('contact_account_required'));
    }
    return { r, values, account };
  }

  async function findContacts(db: Db, externalIds: string[], accountIds: string[], emails: string[]) {
    const byExternalId = new Map<string, TExistingContact>();
    const byEmail = new Map<string, TExistingContact>();
    if (!externalIds.length && !emails.length) return { byExternalId, byEmail };
    const p = sql.param;
    const result = await queryRows<TExistingContact>(
      db,
      sql`
        select c.id, c.external_id as "externalId", c.account_id as "accountId", lower(c.email) as email
        from unnest(${p(externalIds)}::text[]) as k(v) join contacts c on c.org_id = ${run.orgId} and c.external_id = k.v
        union
        select c.id, c.external_id, c.account_id, lower(c.email)
        from unnest(${p(accountIds)}::uuid[], ${p(emails)}::text[]) as k(account_id, email)
          join contacts c on c.org_id = ${run.orgId} and c.account_id = k.account_id and lower(c.email) = k.email`,
    );
    for (const c of result) {
      if (c.externalId) byExternalId.set(c.externalId, c);
      if (c.email) byEmail.set(`${c.accountId}|${c.email}`, c);
    }
    return { byExternalId, byEmail };
  }

  return {
    async check(db: Db, rows: TRawRow[]): Promise<{ records: TContactRecord[]; errors: TRowError[]; invalidRows: number }> {
      const read = rows.map(readRow);
      const accounts = await findAccountsByKeys(
        db,
        run.orgId,
        read.flatMap((x) => (x.account.externalId ? [x.account.externalId] : [])),
        read.flatMap((x) => (x.account.domain ? [x.account.domain] : [])),
      );
      const withAccount = read.map((x) => {
        const { r, account } = x;
        const byId = account.externalId ? accounts.byExternalId.get(account.externalId) : undefined;
        const byDom = account.domain ? accounts.byDomain.get(account.domain) : undefined;
        if (account.externalId && !byId) r.fail('accountExternalId', problem('no_account_with_external_id'));
        else if (!account.externalId && account.domain && !byDom) r.fail('accountDomain', problem('no_account_with_domain'));
        else if (byId && byDom && byId.id !== byDom.id) r.fail('accountDomain', problem('account_domain_mismatch'));
        return { ...x, accountId: byId?.id ?? byDom?.id ?? null };
      });
      const keyed = withAccount.filter((x) => x.accountId && x.values.email);
      const contacts = await findContacts(
        db,
        withAccount.flatMap((x) => (x.values.externalId ? [x.values.externalId] : [])),
        keyed.map((x) => x.accountId as string),
        keyed.map((x) => (x.values.email as string).toLowerCase()),
      );
      const records: TContactRecord[] = [];
      const errors: TRowError[] = [];
      let invalidRows = 0;
      for (const { r, values, accountId } of withAccount) {
        const rowNumber = r.row.rowNumber;
        const emailKey = accountId && values.email ? `${accountId}|${values.email.toLowerCase()}` : null;
        if (values.externalId) {
          const first = seenExternalIds.claim(values.externalId, rowNumber);
          if (first) r.fail('externalId', problem('same_external_id_as_row', { row: first }));
        }
        if (emailKey) {
          const first = seenEmails.claim(emailKey, rowNumber);
          if (first) r.fail('email', problem('same_contact_email_as_row', { row: first }));
        }
        const byId = values.externalId ? contacts.byExternalId.get(values.externalId) : undefined;
        const byEmail = emailKey ? contacts.byEmail.get(emailKey) : undefined;
        const match = byId ?? byEmail;
        if (byId && byEmail && byId.id !== byEmail.id) r.fail('email', problem('contact_email_of_other'));
        else if (!byId && byEmail?.externalId && values.externalId && byEmail.externalId !== values.externalId) {
          r.fail('externalId', problem('contact_email_other_id', { externalId: byEmail.externalId }));
        }
        if (match) {
          const first = seenTargets.claim(match.id, rowNumber);
          if (first) r.fail(byId ? 'externalId' : 'email', problem('same_contact_as_row', { row: first }));
        }
        const custom = readCustomValues(r, lookups.customDefs, !match);
        if (!r.ok || !accountId) {
          errors.push(...r.errors);
          invalidRows++;
          continue;
        }
        records.push({ rowNumber, id: match?.id ?? newId(), isNew: !match, accountId, ...values, custom });
      }
      return { records, errors, invalidRows };
    },

    async write(tx: BulkTx, records: TContactRecord[]) {
      const now = run.clock.now().toISOString();
      const fresh = records.filter((r) => r.isNew);
      const existing = records.filter((r) => !r.isNew);
      await tx.copy(
        'contacts',
        INSERT_COLUMNS,
        fresh.map((r) => insertLine(run.orgId, now, r)),
      );
      const before = existing.length ? await updateReturningBefore(tx, updateSql(run.orgId, now, existing)) : new Map<string, string>();
      await copyAudit(tx, run, now, 'contact', records, before, CONTACT_AUDITED);
      return { inserted: fresh.length, updated: existing.length };
    },
  };
}

function arrays(records: TContactRecord[]) {
  const c = columnsOf(records, {
    id: (r) => r.id,
    accountId: (r) => r.accountId,
    firstName: (r) => r.firstName,
    lastName: (r) => r.lastName,
    email: (r) => r.email,
    phone: (r) => r.phone,
    jobTitle: (r) => r.jobTitle,
    roles: (r) => (r.roles ? r.roles.join(',') : null),
    language: (r) => r.language,
    externalId: (r) => r.externalId,
    custom: (r) => (r.custom ? JSON.stringify(r.custom) : null),
  });
  const p = sql.param;
  return sql`unnest(${p(c.id)}::uuid[], ${p(c.accountId)}::uuid[], ${p(c.firstName)}::text[], ${p(c.lastName)}::text[],
    ${p(c.email)}::text[], ${p(c.phone)}::text[], ${p(c.jobTitle)}::text[], ${p(c.roles)}::text[], ${p(c.language)}::text[],
    ${p(c.externalId)}::text[], ${p(c.custom)}::text[])
    as r(id, account_id, first_name, last_name, email, phone, job_title, roles, language, external_id, custom)`;
}

const INSERT_COLUMNS = [
  'org_id',
  'id',
  'account_id',
  'first_name',
  'last_name',
  'email',
  'phone',
  'job_title',
  'roles',
  'language',
  'external_id',
  'custom',
  'created_at',
  'updated_at',
];

function insertLine(orgId: string, now: string, r: TContactRecord) {
  return copyLine([
    orgId,
    r.id,
    r.accountId,
    copyCell(r.firstName),
    copyCell(r.lastName ?? ''),
    copyCell(r.email),
    copyCell(r.phone),
    copyCell(r.jobTitle),
    copyTextArray(r.roles ?? []),
    copyCell(r.language),
    copyCell(r.externalId),
    copyCell(JSON.stringify(r.custom ?? {})),
    now,
    now,
  ]);
}

function updateSql(orgId: string, now: string, records: TContactRecord[]) {
  return sql`
    update contacts c set
      account_id = r.account_id,
      first_name = r.first_name,
      last_name = coalesce(r.last_name, c.last_name),
      email = coalesce(r.email, c.email),
      phone = coalesce(r.phone, c.phone),
      job_title = coalesce(r.job_title, c.job_title),
      roles = coalesce(string_to_array(r.roles, ','), c.roles),
      language = coalesce(r.language, c.language),
      external_id = coalesce(r.external_id, c.external_id),
      custom = c.custom || coalesce(r.custom::jsonb, '{}'),
      updated_at = ${now}::timestamptz
    from (select r.*, ${beforeImage('contacts', 'o')} as before
          from ${arrays(records)} join contacts o on o.org_id = ${orgId}::uuid and o.id = r.id) r
    where c.org_id = ${orgId}::uuid and c.id = r.id
    returning c.id, r.before::text as before`;
}
