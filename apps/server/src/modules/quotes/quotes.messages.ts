import { defineMessages } from '../../platform/messages.ts';

/** What the quotes module tells a user, in every UI language. The codes are part of the API: keep them. */
export const quotesMessages = defineMessages({
  quote_renewal_closed: {
    en: 'this renewal is closed; a win-back offer needs a churned or churn-risk renewal',
    nl: 'deze verlenging is afgesloten; een win-back-aanbod vraagt een verloren of risicovolle verlenging',
    da: 'denne fornyelse er lukket; et win-back-tilbud kræver en mistet eller risikofyldt fornyelse',
  },
  quote_winback_not_at_risk: {
    en: 'a win-back offer is for a renewal at risk of churn or churned',
    nl: 'een win-back-aanbod is voor een verlenging met verlooprisico of een verloren verlenging',
    da: 'et win-back-tilbud er til en fornyelse med risiko for opsigelse eller en mistet fornyelse',
  },
  quote_not_editable: {
    en: 'a quote can be changed only before it is sent (it is {status})',
    nl: 'een offerte kan alleen worden gewijzigd voordat hij is verstuurd (hij is {status})',
    da: 'et tilbud kan kun ændres, før det er sendt (det er {status})',
  },
  quote_wrong_status: {
    en: 'not possible while the quote is {status}',
    nl: 'niet mogelijk zolang de offerte {status} is',
    da: 'ikke muligt, mens tilbuddet er {status}',
  },
  quote_needs_approval: {
    en: 'a director must approve this quote before it is sent',
    nl: 'een directeur moet deze offerte goedkeuren voordat hij wordt verstuurd',
    da: 'en direktør skal godkende dette tilbud, før det sendes',
  },
  quote_no_recipient: {
    en: 'the quote has no contact with an e-mail address; choose one or give an address',
    nl: 'de offerte heeft geen contactpersoon met een e-mailadres; kies er een of geef een adres op',
    da: 'tilbuddet har ingen kontakt med en e-mailadresse; vælg en, eller angiv en adresse',
  },
  quote_unknown_contact: {
    en: 'no contact of this account has this id',
    nl: 'geen contactpersoon van dit account heeft dit id',
    da: 'ingen kontakt på denne konto har dette id',
  },
  quote_unknown_template: {
    en: 'no template of this organisation has this id',
    nl: 'geen sjabloon van deze organisatie heeft dit id',
    da: 'ingen skabelon i denne organisation har dette id',
  },
  quote_unknown_plan: {
    en: 'no plan of the catalogue has this id',
    nl: 'geen abonnement in de catalogus heeft dit id',
    da: 'ingen plan i kataloget har dette id',
  },
  quote_term_order: {
    en: 'the term must end after it starts',
    nl: 'de looptijd moet eindigen na het begin',
    da: 'perioden skal slutte, efter den begynder',
  },
  quote_own_approval: {
    en: 'you cannot approve a quote you made yourself',
    nl: 'u kunt een offerte die u zelf maakte niet goedkeuren',
    da: 'du kan ikke godkende et tilbud, du selv har lavet',
  },
  quote_default_template: {
    en: 'a language keeps one default template; make another the default first',
    nl: 'een taal houdt één standaardsjabloon; maak eerst een ander de standaard',
    da: 'et sprog beholder én standardskabelon; gør først en anden til standard',
  },
});
