import { defineMessages } from '../../platform/messages.ts';

/** The organisation and market messages a client may see, in every UI language (codes are part of the API). */
export const organisationMessages = defineMessages({
  currency_format: {
    en: 'must be an ISO 4217 code such as EUR',
    nl: 'moet een ISO 4217-code zijn, zoals EUR',
    da: 'skal være en ISO 4217-kode som EUR',
  },
  country_format: {
    en: 'must be an ISO 3166-1 alpha-2 country code such as NL',
    nl: 'moet een ISO 3166-1-landcode van twee letters zijn, zoals NL',
    da: 'skal være en ISO 3166-1-landekode på to bogstaver som NL',
  },
  market_code_taken: {
    en: 'a market with this country code already exists',
    nl: 'er bestaat al een markt met deze landcode',
    da: 'der findes allerede et marked med denne landekode',
  },
});
