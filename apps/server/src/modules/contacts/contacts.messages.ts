import { defineMessages } from '../../platform/messages.ts';

/** The contacts module's own messages (codes are part of the API: error details carry them). */
export const contactMessages = defineMessages({
  phone_format: {
    en: 'must be a phone number (digits, spaces, + ( ) . / -)',
    nl: 'moet een telefoonnummer zijn (cijfers, spaties, + ( ) . / -)',
    da: 'skal være et telefonnummer (cifre, mellemrum, + ( ) . / -)',
  },
  contact_email_taken: {
    en: 'this account already has a contact with this e-mail',
    nl: 'dit account heeft al een contactpersoon met dit e-mailadres',
    da: 'denne konto har allerede en kontakt med denne e-mail',
  },
  contact_external_id_taken: {
    en: 'another contact has this external id',
    nl: 'een andere contactpersoon heeft dit externe id',
    da: 'en anden kontakt har dette eksterne id',
  },
});
