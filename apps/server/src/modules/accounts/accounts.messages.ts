import { defineMessages } from '../../platform/messages.ts';

/** What the accounts module tells a user, in every UI language. The codes are part of the API. */
export const accountMessages = defineMessages({
  domain_format: {
    en: 'must be a domain such as example.com',
    nl: 'moet een domein zijn, zoals example.com',
    da: 'skal være et domæne som example.com',
  },
  account_external_id_taken: {
    en: 'another account has this external id',
    nl: 'een ander account heeft dit externe id',
    da: 'en anden konto har dette eksterne id',
  },
  account_domain_taken: {
    en: 'another account has this domain',
    nl: 'een ander account heeft dit domein',
    da: 'en anden konto har dette domæne',
  },
  create_own_accounts_only: {
    en: 'you can only create accounts you own',
    nl: 'je kunt alleen accounts aanmaken waarvan je zelf de eigenaar bent',
    da: 'du kan kun oprette konti, som du selv ejer',
  },
  assign_to_self_only: {
    en: 'you can only assign accounts to yourself',
    nl: 'je kunt accounts alleen aan jezelf toewijzen',
    da: 'du kan kun tildele konti til dig selv',
  },
  account_changed: {
    en: 'the account was changed by someone else (now version {version}); reload and try again',
    nl: 'het account is door iemand anders gewijzigd (nu versie {version}); laad het opnieuw en probeer het nog eens',
    da: 'kontoen er ændret af en anden (nu version {version}); genindlæs og prøv igen',
  },
});
