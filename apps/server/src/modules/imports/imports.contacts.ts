import type { BulkTx } from '../../platform/db/bulk.ts';
import type { Db } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { CONTACT_ROLES, copyNewContacts, findContactsByKeys, type TContactKeys, updateImportedContacts } from '../contacts/index.ts';
import { copyAudit } from './imports.audit.ts';
import { choiceLabels } from './imports.choices.ts';
import { CONTACT_LANGUAGES } from './imports.fields.ts';
import { findAccountsByKeys } from './imports.lookups.repository.ts';
import type { TRawRow } from './imports.parse.ts';
import {
  RowReader,
  readCustomValues,
  SeenKeys,
  type TFieldColumn,
  type TImportRun,
  type TOrgLookups,
  type TRowError,
} from './imports.rows.ts';
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
    const byExternalId = new Map<string, TContactKeys>();
    const byEmail = new Map<string, TContactKeys>();
    for (const c of await findContactsByKeys(db, run.orgId, externalIds, accountIds, emails)) {
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
      // Through the contacts module's bulk writes: COPY for the new, one UPDATE for the existing (with before-images).
      await copyNewContacts(tx, run.orgId, now, fresh);
      const before = await updateImportedContacts(tx, run.orgId, now, existing);
      await copyAudit(tx, run, now, 'contact', records, before, CONTACT_AUDITED);
      return { inserted: fresh.length, updated: existing.length };
    },
  };
}
