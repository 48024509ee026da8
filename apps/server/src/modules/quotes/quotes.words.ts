/** The fixed words of a quote (PDF, public page, e-mail) and the default templates, in en, nl and da. */
export type TLang = 'en' | 'nl' | 'da';
export const langOf = (l: string | null | undefined): TLang => (l === 'nl' || l === 'da' ? l : 'en');
/** A win-back offer is called an offer (its PDF's title, its e-mail's subject and body), a renewal's a quote. */
type TQuoteKind = 'renewal' | 'winback';

export const QUOTE_WORDS = {
  en: {
    quote: 'Quote',
    winback: 'Offer',
    for: 'For',
    attention: 'Attention',
    term: 'Term',
    validUntil: 'Valid until',
    description: 'Description',
    quantity: 'Qty',
    unitPrice: 'Unit price',
    discount: 'Discount',
    total: 'Total',
    subtotal: 'Subtotal',
    incentive: (p: string, until: string) => `Early-renewal discount ${p}% (accepted by ${until})`,
    grandTotal: 'Total (excl. tax)',
    taxNote: 'All amounts exclude tax.',
    terms: 'Terms',
    perInterval: (months: number) => (months === 1 ? 'per month' : months === 12 ? 'per year' : `per ${months} months`),
    acceptedBy: (name: string, at: string) => `Accepted by ${name} on ${at}`,
    kinds: { renewal: 'Renewal', upsell: 'Upgrade', cross_sell: 'Add-on', custom: '' },
    mailSubject: (ref: string, company: string, kind: TQuoteKind) =>
      `Your ${kind === 'winback' ? 'offer' : 'quote'} ${ref} from ${company}`,
    mailBody: (name: string, account: string, link: string, valid: string, message: string | null, kind: TQuoteKind) =>
      `Hello ${name},\n\n${message ? `${message}\n\n` : ''}Please find attached ${kind === 'winback' ? 'our offer' : 'the quote'} for the renewal of ${account} as a PDF. At the link below you can read it, and accept or decline it; it is valid until ${valid}.\n\n${link}\n`,
  },
  nl: {
    quote: 'Offerte',
    winback: 'Aanbod',
    for: 'Voor',
    attention: 'T.a.v.',
    term: 'Looptijd',
    validUntil: 'Geldig tot',
    description: 'Omschrijving',
    quantity: 'Aantal',
    unitPrice: 'Stukprijs',
    discount: 'Korting',
    total: 'Totaal',
    subtotal: 'Subtotaal',
    incentive: (p: string, until: string) => `Korting bij vroege verlenging ${p}% (akkoord uiterlijk ${until})`,
    grandTotal: 'Totaal (excl. btw)',
    taxNote: 'Alle bedragen zijn exclusief btw.',
    terms: 'Voorwaarden',
    perInterval: (months: number) => (months === 1 ? 'per maand' : months === 12 ? 'per jaar' : `per ${months} maanden`),
    acceptedBy: (name: string, at: string) => `Geaccepteerd door ${name} op ${at}`,
    kinds: { renewal: 'Verlenging', upsell: 'Upgrade', cross_sell: 'Uitbreiding', custom: '' },
    mailSubject: (ref: string, company: string, kind: TQuoteKind) =>
      `Uw ${kind === 'winback' ? 'aanbod' : 'offerte'} ${ref} van ${company}`,
    mailBody: (name: string, account: string, link: string, valid: string, message: string | null, kind: TQuoteKind) => {
      const [it, its] = kind === 'winback' ? ['ons aanbod', 'het'] : ['de offerte', 'hem'];
      return `Beste ${name},\n\n${message ? `${message}\n\n` : ''}In de bijlage vindt u ${it} voor de verlenging van ${account} als pdf. Via de link hieronder kunt u ${its} lezen en accepteren of afwijzen; ${kind === 'winback' ? 'het' : 'hij'} is geldig tot ${valid}.\n\n${link}\n`;
    },
  },
  da: {
    quote: 'Tilbud',
    winback: 'Tilbud',
    for: 'Til',
    attention: 'Att.',
    term: 'Periode',
    validUntil: 'Gyldigt til',
    description: 'Beskrivelse',
    quantity: 'Antal',
    unitPrice: 'Enhedspris',
    discount: 'Rabat',
    total: 'I alt',
    subtotal: 'Subtotal',
    incentive: (p: string, until: string) => `Rabat ved tidlig fornyelse ${p}% (accepteret senest ${until})`,
    grandTotal: 'I alt (ekskl. moms)',
    taxNote: 'Alle beløb er ekskl. moms.',
    terms: 'Vilkår',
    perInterval: (months: number) => (months === 1 ? 'pr. måned' : months === 12 ? 'pr. år' : `pr. ${months} måneder`),
    acceptedBy: (name: string, at: string) => `Accepteret af ${name} den ${at}`,
    kinds: { renewal: 'Fornyelse', upsell: 'Opgradering', cross_sell: 'Tilkøb', custom: '' },
    // A win-back offer is a "tilbud" too, as on its PDF.
    mailSubject: (ref: string, company: string, _kind: TQuoteKind) => `Dit tilbud ${ref} fra ${company}`,
    mailBody: (name: string, account: string, link: string, valid: string, message: string | null, _kind: TQuoteKind) =>
      `Kære ${name},\n\n${message ? `${message}\n\n` : ''}Vedhæftet finder du tilbuddet på fornyelsen af ${account} som pdf. Via linket nedenfor kan du læse det og acceptere eller afvise det; det er gyldigt til ${valid}.\n\n${link}\n`,
  },
} as const;

/** The three templates every organisation starts with. */
export const DEFAULT_TEMPLATES: Record<TLang, { name: string; introText: string; termsText: string; footerText: string }> = {
  en: {
    name: 'Standard (English)',
    introText:
      'Dear {contact},\n\nThank you for working with us. Below is our proposal for the renewal of {account} from {renewalDate}. This quote is valid until {validUntil}.',
    termsText:
      'Prices are per billing interval and exclude tax. Invoiced in advance at the start of each billing interval, payable within 30 days. The subscription terms agreed earlier continue to apply.',
    footerText: 'Questions? Reply to the e-mail this quote came with.',
  },
  nl: {
    name: 'Standaard (Nederlands)',
    introText:
      'Beste {contact},\n\nDank voor de prettige samenwerking. Hieronder ons voorstel voor de verlenging van {account} vanaf {renewalDate}. Deze offerte is geldig tot {validUntil}.',
    termsText:
      'Prijzen gelden per factuurperiode en zijn exclusief btw. Facturering vooraf aan het begin van elke periode, betaling binnen 30 dagen. De eerder overeengekomen abonnementsvoorwaarden blijven van kracht.',
    footerText: 'Vragen? Beantwoord de e-mail waarmee deze offerte kwam.',
  },
  da: {
    name: 'Standard (dansk)',
    introText:
      'Kære {contact},\n\nTak for samarbejdet. Herunder er vores forslag til fornyelsen af {account} fra {renewalDate}. Tilbuddet er gyldigt til {validUntil}.',
    termsText:
      'Priserne gælder pr. faktureringsperiode og er ekskl. moms. Faktureres forud ved starten af hver periode, betaling inden 30 dage. De tidligere aftalte abonnementsvilkår gælder fortsat.',
    footerText: 'Spørgsmål? Svar på den e-mail, tilbuddet kom med.',
  },
};

/** Fill a text block's placeholders. */
export const fillText = (text: string, values: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
