import { detail, type TErrorDetail } from '../../platform/errors.ts';
import { EDITIONS, LIFECYCLE_STAGES, SEGMENTS } from '../accounts/index.ts';
import { CONTACT_ROLES } from '../contacts/index.ts';
import type { TCustomFieldDef } from '../custom-fields/index.ts';
import { importMessages as m } from './imports.messages.ts';
import { subscriptionFieldsFor, subscriptionSynonymsFor, type TImportOptions } from './imports.subscriptions.fields.ts';

export const IMPORT_ENTITIES = ['accounts', 'contacts', 'subscriptions'] as const;
export type TImportEntity = (typeof IMPORT_ENTITIES)[number];

export const TARGET_TYPES = [
  'text',
  'integer',
  'number',
  'date',
  'choice',
  'list',
  'email',
  'domain',
  'url',
  'phone',
  'reference',
] as const;
export type TTargetType = (typeof TARGET_TYPES)[number];

/** A field of an account or contact that a column of the file can be mapped to. */
export interface TTargetField {
  key: string;
  label: string;
  required: boolean;
  type: TTargetType;
  /** The accepted values of a choice or list of choices. */
  options?: string[];
  /** What the cell must contain, when it is not obvious from the type (e.g. "market code such as NL"). */
  hint?: string;
}

export const CONTACT_LANGUAGES = ['en', 'nl', 'da', 'de', 'fr', 'sv', 'no', 'fi', 'es', 'it'] as const;

const ACCOUNT_FIELDS: TTargetField[] = [
  { key: 'name', label: 'Name', required: true, type: 'text' },
  { key: 'domain', label: 'Domain', required: false, type: 'domain', hint: 'e.g. example.com; used to match existing accounts' },
  { key: 'externalId', label: 'External id (CRM id)', required: false, type: 'text', hint: 'matched first when re-importing' },
  { key: 'market', label: 'Market', required: false, type: 'reference', hint: 'market code (e.g. NL) or name' },
  { key: 'segment', label: 'Segment', required: false, type: 'choice', options: [...SEGMENTS] },
  { key: 'edition', label: 'Edition', required: false, type: 'choice', options: [...EDITIONS] },
  { key: 'lifecycleStage', label: 'Lifecycle stage', required: false, type: 'choice', options: [...LIFECYCLE_STAGES] },
  { key: 'owner', label: 'Owner', required: false, type: 'reference', hint: "the owner's e-mail address (or full name)" },
  { key: 'tags', label: 'Tags', required: false, type: 'list', hint: 'separated by ; or ,' },
  { key: 'employees', label: 'Employees', required: false, type: 'integer' },
  { key: 'website', label: 'Website', required: false, type: 'url' },
  { key: 'notes', label: 'Notes', required: false, type: 'text' },
];

const CONTACT_FIELDS: TTargetField[] = [
  { key: 'firstName', label: 'First name', required: true, type: 'text' },
  { key: 'lastName', label: 'Last name', required: false, type: 'text' },
  { key: 'email', label: 'E-mail', required: false, type: 'email', hint: 'matched per account when re-importing' },
  { key: 'phone', label: 'Phone', required: false, type: 'phone' },
  { key: 'jobTitle', label: 'Job title', required: false, type: 'text' },
  { key: 'roles', label: 'Roles', required: false, type: 'list', options: [...CONTACT_ROLES], hint: 'separated by ; or ,' },
  { key: 'language', label: 'Language', required: false, type: 'choice', options: [...CONTACT_LANGUAGES] },
  { key: 'externalId', label: 'External id (CRM id)', required: false, type: 'text', hint: 'matched first when re-importing' },
  {
    key: 'accountExternalId',
    label: 'Account external id',
    required: false,
    type: 'reference',
    hint: 'the external id of the contact’s account; map this or the account domain',
  },
  { key: 'accountDomain', label: 'Account domain', required: false, type: 'reference', hint: 'the domain of the contact’s account' },
];

/** Every field a column can be mapped to: the built-in ones and the organisation's custom fields (`custom.<key>`). */
export function targetFieldsFor(
  entity: TImportEntity,
  customDefs: TCustomFieldDef[],
  options: TImportOptions | null = null,
): TTargetField[] {
  if (entity === 'subscriptions') return subscriptionFieldsFor(options);
  const builtIn = entity === 'accounts' ? ACCOUNT_FIELDS : CONTACT_FIELDS;
  const custom = customDefs.map(
    (d): TTargetField => ({
      key: `custom.${d.key}`,
      label: d.label,
      required: d.required,
      type: d.type === 'choice' ? 'choice' : d.type === 'number' ? 'number' : d.type === 'date' ? 'date' : 'text',
      ...(d.type === 'choice' ? { options: d.options } : {}),
    }),
  );
  return [...builtIn.map((f) => ({ ...f, ...(f.options ? { options: [...f.options] } : {}) })), ...custom];
}

/**
 * Header names seen in CRM and spreadsheet exports, in English, Dutch and Danish, compared after
 * normalising (lower case, no accents, no spaces or punctuation), so "E-mail adres" and "emailadres" match.
 */
const SYNONYMS: Record<Exclude<TImportEntity, 'subscriptions'>, Record<string, string[]>> = {
  accounts: {
    name: [
      'name',
      'company',
      'company name',
      'account',
      'account name',
      'organisation',
      'organization',
      'organisation name',
      'organization name',
      'customer',
      'customer name',
      'client',
      'naam',
      'bedrijf',
      'bedrijfsnaam',
      'klant',
      'klantnaam',
      'organisatie',
      'organisatienaam',
      'navn',
      'firma',
      'firmanavn',
      'virksomhed',
      'virksomhedsnavn',
      'kunde',
      'kundenavn',
    ],
    domain: [
      'domain',
      'domain name',
      'company domain',
      'company domain name',
      'email domain',
      'domein',
      'domeinnaam',
      'domæne',
      'domænenavn',
    ],
    externalId: [
      'external id',
      'external_id',
      'externalid',
      'crm id',
      'hubspot id',
      'hubspot company id',
      'salesforce id',
      'record id',
      'company id',
      'account id',
      'customer id',
      'customer number',
      'customer no',
      'extern id',
      'externe id',
      'klant id',
      'klantnummer',
      'relatienummer',
      'ekstern id',
      'kunde id',
      'kundenummer',
      'kundenr',
    ],
    market: ['market', 'country', 'country code', 'markt', 'land', 'landcode', 'marked', 'landekode'],
    segment: ['segment', 'customer segment', 'klantsegment', 'kundesegment'],
    edition: ['edition', 'plan', 'product edition', 'editie', 'pakket', 'udgave', 'pakke'],
    lifecycleStage: [
      'lifecycle stage',
      'lifecycle',
      'stage',
      'fase',
      'levenscyclus',
      'levenscyclusfase',
      'livscyklus',
      'livscyklusfase',
      'stadie',
    ],
    owner: [
      'owner',
      'account owner',
      'company owner',
      'csm',
      'customer success manager',
      'owner email',
      'eigenaar',
      'accounteigenaar',
      'accountmanager',
      'ejer',
      'ansvarlig',
      'kundeansvarlig',
    ],
    tags: ['tags', 'tag', 'labels', 'label', 'etiketten', 'etiketter', 'mærker'],
    employees: [
      'employees',
      'number of employees',
      'employee count',
      'headcount',
      'medewerkers',
      'aantal medewerkers',
      'werknemers',
      'aantal werknemers',
      'medarbejdere',
      'antal medarbejdere',
      'ansatte',
      'antal ansatte',
    ],
    website: ['website', 'web site', 'url', 'homepage', 'site', 'webadres', 'hjemmeside', 'webside', 'websted'],
    notes: ['notes', 'note', 'description', 'comments', 'notities', 'opmerkingen', 'beschrijving', 'noter', 'bemærkninger', 'beskrivelse'],
  },
  contacts: {
    firstName: ['first name', 'firstname', 'given name', 'voornaam', 'fornavn'],
    lastName: ['last name', 'lastname', 'surname', 'family name', 'achternaam', 'efternavn'],
    email: [
      'email',
      'e-mail',
      'email address',
      'e-mail address',
      'mail',
      'emailadres',
      'e-mailadres',
      'mailadres',
      'e-mailadresse',
      'emailadresse',
      'mailadresse',
    ],
    phone: [
      'phone',
      'phone number',
      'telephone',
      'mobile',
      'mobile phone',
      'telefoon',
      'telefoonnummer',
      'mobiel',
      'telefon',
      'telefonnummer',
      'mobil',
      'mobilnummer',
    ],
    jobTitle: ['job title', 'jobtitle', 'title', 'position', 'functie', 'functietitel', 'titel', 'stilling', 'jobtitel'],
    roles: ['roles', 'role', 'contact role', 'rol', 'rollen', 'rolle', 'roller'],
    language: ['language', 'preferred language', 'taal', 'voorkeurstaal', 'sprog', 'foretrukket sprog'],
    externalId: [
      'external id',
      'external_id',
      'externalid',
      'crm id',
      'hubspot id',
      'contact id',
      'record id',
      'salesforce id',
      'extern id',
      'externe id',
      'ekstern id',
      'kontakt id',
    ],
    accountExternalId: [
      'account external id',
      'account external_id',
      'company external id',
      'account crm id',
      'company crm id',
      'account id',
      'company id',
      'hubspot company id',
      'customer id',
      'customer number',
      'klant id',
      'klantnummer',
      'bedrijf id',
      'kunde id',
      'kundenummer',
      'firma id',
    ],
    accountDomain: [
      'account domain',
      'company domain',
      'company domain name',
      'domain',
      'domein',
      'bedrijfsdomein',
      'domæne',
      'firmadomæne',
    ],
  },
};

/** "E-mail adres" → "emailadres": lower case, accents removed, only letters and digits. */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .replace(/[^a-z0-9]/g, '');
}

/**
 * A first guess of the mapping from the header names: each column maps to at most one field and each
 * field is taken by at most one column (the first that matches). The user confirms or changes it.
 */
export function suggestMapping(
  entity: TImportEntity,
  columns: string[],
  fields: TTargetField[],
  options: TImportOptions | null = null,
): Record<string, string | null> {
  const byHeader = new Map<string, string>();
  const synonyms = entity === 'subscriptions' ? subscriptionSynonymsFor(options) : SYNONYMS[entity];
  for (const [key, names] of Object.entries(synonyms)) {
    for (const n of [key, ...names]) {
      const norm = normaliseHeader(n);
      if (!byHeader.has(norm)) byHeader.set(norm, key);
    }
  }
  for (const f of fields) {
    if (!f.key.startsWith('custom.')) continue;
    // An organisation's own field names win over the generic synonyms.
    byHeader.set(normaliseHeader(f.key.slice(7)), f.key);
    byHeader.set(normaliseHeader(f.label), f.key);
  }
  const taken = new Set<string>();
  // Built as entries: a column may be named like a member of Object.prototype ("toString").
  return Object.fromEntries(
    columns.map((column) => {
      const key = byHeader.get(normaliseHeader(column));
      if (!key || taken.has(key)) return [column, null];
      taken.add(key);
      return [column, key];
    }),
  );
}

/** Problems with a mapping as a whole (not with rows): unknown columns or fields, a field mapped twice, a required field missing. */
export function checkMapping(
  entity: TImportEntity,
  mapping: Record<string, string | null>,
  columns: string[],
  fields: TTargetField[],
): TErrorDetail[] {
  const problems: TErrorDetail[] = [];
  const known = new Map(fields.map((f) => [f.key, f]));
  const columnSet = new Set(columns);
  const usedBy = new Map<string, string>();
  for (const [column, target] of Object.entries(mapping)) {
    if (!columnSet.has(column)) {
      problems.push(detail(`mapping.${column}`, m.mapping_unknown_column));
      continue;
    }
    if (target === null) continue;
    if (!known.has(target)) problems.push(detail(`mapping.${column}`, m.mapping_unknown_target, { target }));
    else if (usedBy.has(target))
      problems.push(detail(`mapping.${column}`, m.mapping_duplicate_target, { target, column: usedBy.get(target) ?? '' }));
    else usedBy.set(target, column);
  }
  const mapped = new Set(usedBy.keys());
  const builtInRequired = fields.filter((f) => f.required && !f.key.startsWith('custom.'));
  for (const f of builtInRequired) {
    if (!mapped.has(f.key)) problems.push(detail('mapping', m.mapping_required_target, { key: f.key, label: f.label }));
  }
  if (entity === 'contacts' && !mapped.has('accountExternalId') && !mapped.has('accountDomain')) {
    problems.push(detail('mapping', m.mapping_contact_account));
  }
  return problems;
}
