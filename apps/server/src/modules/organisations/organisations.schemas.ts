import { z } from 'zod';
import type { TRole } from '../../platform/access/permissions.ts';
import { zText } from '../../platform/http/schemas.ts';
import { organisationMessages as m } from './organisations.messages.ts';

export const UI_LANGUAGES = ['en', 'nl', 'da'] as const;
const zCurrency = z.string().regex(/^[A-Z]{3}$/, m.currency_format.code);
const zLang = z.enum(UI_LANGUAGES);

export const ZOrganisation = z.object({
  id: z.uuid(),
  name: z.string(),
  slug: z.string(),
  reportingCurrency: z.string(),
  defaultLanguage: z.string(),
});
export type TOrganisation = z.infer<typeof ZOrganisation>;

export const ZUpdateOrganisationRequest = z.strictObject({
  name: zText(200).optional(),
  reportingCurrency: zCurrency.optional(),
  defaultLanguage: zLang.optional(),
});
export type TUpdateOrganisation = z.infer<typeof ZUpdateOrganisationRequest>;

export const ZMarket = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  language: z.string(),
  currency: z.string(),
  countryManagerUserId: z.uuid().nullable(),
  countryManagerName: z.string().nullable(),
});
export type TMarket = z.infer<typeof ZMarket>;
export const ZMarketList = z.object({ items: z.array(ZMarket) });

const marketFields = {
  code: z.string().regex(/^[A-Z]{2}$/, m.country_format.code),
  name: zText(100),
  language: zLang,
  currency: zCurrency,
  countryManagerUserId: z.uuid().nullable().optional(),
};
export const ZCreateMarketRequest = z.strictObject(marketFields);
export const ZUpdateMarketRequest = z.strictObject(marketFields).partial();
export type TMarketInput = z.infer<typeof ZCreateMarketRequest>;
export type TUpdateMarket = z.infer<typeof ZUpdateMarketRequest>;

/** What creating an organisation with its first admin takes (`customer365 create-admin`, the demo seed, tests). */
export interface TCreateOrganisation {
  name: string;
  slug: string;
  reportingCurrency?: string;
  /** The language of what the product preloads for it (the default journey …) and of e-mails without one; English when left out. */
  defaultLanguage?: (typeof UI_LANGUAGES)[number];
  admin: { email: string; name: string; password: string; role?: TRole };
}
