// The contacts feature's own shapes, from the generated contract (shared ones are in lib/types.ts).
import { valuesOf } from '../../lib/enums.ts';
import type { BodyOf, Contact, QueryOf } from '../../lib/types.ts';

export type ContactInput = BodyOf<'/api/v1/accounts/{id}/contacts', 'post'>;
export type ContactRole = Contact['roles'][number];
export type ContactSort = NonNullable<QueryOf<'/api/v1/contacts', 'get'>['sort']>;
export const CONTACT_ROLES = valuesOf<ContactRole>({
  champion: true,
  decision_maker: true,
  billing: true,
  technical: true,
  user: true,
  executive_sponsor: true,
});
/** Languages offered for a contact; the server takes any language code here, so this list is the UI's own choice. */
export const CONTACT_LANGUAGES = ['en', 'nl', 'da', 'de', 'fr', 'sv', 'no', 'fi', 'es', 'it'] as const;
