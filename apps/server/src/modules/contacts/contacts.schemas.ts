import { z } from 'zod';
import { ZPageQuery, zIsoDate, zOptionalText, zPage, zStringList, zText } from '../../platform/http/schemas.ts';
import { zCustomValues } from '../accounts/index.ts';
import { contactMessages } from './contacts.messages.ts';

export const CONTACT_ROLES = ['champion', 'decision_maker', 'billing', 'technical', 'user', 'executive_sponsor'] as const;
export const zContactRole = z.enum(CONTACT_ROLES);
export const CONTACT_SORTS = ['name', 'email', 'createdAt', 'account'] as const;

export const ZContact = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  accountName: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  jobTitle: z.string().nullable(),
  roles: z.array(zContactRole),
  language: z.string().nullable(),
  externalId: z.string().nullable(),
  leftOn: z.string().nullable().describe('The day the person left the customer; null while they are there'),
  custom: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TContact = z.infer<typeof ZContact>;

const fields = {
  firstName: zText(100),
  lastName: z.string().trim().max(100).optional(),
  email: z.string().trim().max(254).pipe(z.email()).nullable().optional(),
  phone: z
    .string()
    .trim()
    .max(40)
    .regex(/^[+0-9 ()./-]{3,40}$/, contactMessages.phone_format.code)
    .nullable()
    .optional(),
  jobTitle: zOptionalText(150),
  roles: z.array(zContactRole).max(CONTACT_ROLES.length).optional(),
  language: z.enum(['en', 'nl', 'da', 'de', 'fr', 'sv', 'no', 'fi', 'es', 'it']).nullable().optional(),
  externalId: zOptionalText(100),
  leftOn: zIsoDate.nullable().optional(),
  custom: zCustomValues.optional(),
};
export const ZCreateContactRequest = z.strictObject(fields);
export const ZUpdateContactRequest = z.strictObject(fields).partial();
export type TCreateContact = z.infer<typeof ZCreateContactRequest>;
export type TUpdateContact = z.infer<typeof ZUpdateContactRequest>;

export const ZContactListQuery = ZPageQuery.extend({
  q: z.string().trim().max(200).optional(),
  accountId: z.uuid().optional(),
  role: zStringList(zContactRole),
  language: z.string().max(5).optional(),
  /** Only the contacts this import created or updated ("Open contacts" after an import). */
  importId: z.uuid().optional(),
  sort: z.enum(CONTACT_SORTS).default('name'),
});
export type TContactListQuery = z.infer<typeof ZContactListQuery>;
export const ZContactPage = zPage(ZContact);
