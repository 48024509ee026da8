import { valuesOf } from '../../lib/enums.ts';
import { type ListSearch, optEnum, optEnumList, optString, parseListSearch } from '../../lib/search.ts';
import { CONTACT_LANGUAGES, CONTACT_ROLES, type ContactRole, type ContactSort } from './types.ts';

export const CONTACT_SORTS = valuesOf<ContactSort>({ name: true, email: true, createdAt: true, account: true });

export interface ContactsSearch extends ListSearch<ContactSort> {
  q?: string;
  role?: ContactRole[];
  language?: (typeof CONTACT_LANGUAGES)[number];
  /** Only what this import created or updated (the import's "Open contacts"). */
  importId?: string;
}

export function parseContactsSearch(search: Record<string, unknown>): ContactsSearch {
  return {
    ...parseListSearch(search, CONTACT_SORTS),
    q: optString(search.q),
    role: optEnumList(search.role, CONTACT_ROLES),
    language: optEnum(search.language, CONTACT_LANGUAGES),
    importId: optString(search.importId),
  };
}
