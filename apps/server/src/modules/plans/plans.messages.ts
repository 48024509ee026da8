import { defineMessages } from '../../platform/messages.ts';

/** What the plans module tells a user, in every UI language. The codes are part of the API: keep them. */
export const plansMessages = defineMessages({
  plan_account_archived: {
    en: 'the account is archived; restore it first',
    nl: 'het account is gearchiveerd; zet het eerst terug',
    da: 'kontoen er arkiveret; gendan den først',
  },
  plan_currency_format: {
    en: 'must be a three-letter currency code such as EUR',
    nl: 'moet een valutacode van drie letters zijn, zoals EUR',
    da: 'skal være en valutakode på tre bogstaver, f.eks. EUR',
  },
  plan_interval_months: {
    en: 'must be 1, 3, 12, 24 or 36 months',
    nl: 'moet 1, 3, 12, 24 of 36 maanden zijn',
    da: 'skal være 1, 3, 12, 24 eller 36 måneder',
  },
  plan_amount_cents: {
    en: 'must be an amount with at most two decimals',
    nl: 'moet een bedrag met hoogstens twee decimalen zijn',
    da: 'skal være et beløb med højst to decimaler',
  },
  plan_code_format: {
    en: 'may hold only letters, digits, dashes and underscores',
    nl: 'mag alleen letters, cijfers, streepjes en liggende streepjes bevatten',
    da: 'må kun indeholde bogstaver, tal, bindestreger og understregninger',
  },
  plan_feature_key_format: {
    en: 'may hold only lowercase letters, digits, dots and underscores',
    nl: 'mag alleen kleine letters, cijfers, punten en liggende streepjes bevatten',
    da: 'må kun indeholde små bogstaver, tal, punktummer og understregninger',
  },
  plan_code_taken: {
    en: 'another plan has this code',
    nl: 'een ander plan heeft deze code',
    da: 'en anden plan har denne kode',
  },
  product_name_taken: {
    en: 'another product has this name',
    nl: 'een ander product heeft deze naam',
    da: 'et andet produkt har dette navn',
  },
  feature_key_taken: {
    en: 'another feature has this key',
    nl: 'een andere functie heeft deze sleutel',
    da: 'en anden funktion har denne nøgle',
  },
  plan_unknown_product: {
    en: 'no such product in this organisation',
    nl: 'dit product bestaat niet in deze organisatie',
    da: 'dette produkt findes ikke i denne organisation',
  },
  plan_product_archived: {
    en: 'the product is archived; restore it first',
    nl: 'het product is gearchiveerd; zet het eerst terug',
    da: 'produktet er arkiveret; gendan det først',
  },
  plan_unknown_feature: {
    en: 'no such feature in this organisation',
    nl: 'deze functie bestaat niet in deze organisatie',
    da: 'denne funktion findes ikke i denne organisation',
  },
  plan_duplicate_price: {
    en: 'this currency and interval appear more than once',
    nl: 'deze valuta en periode komen meer dan eens voor',
    da: 'denne valuta og periode forekommer mere end én gang',
  },
  plan_max_units_below_included: {
    en: 'must be at least the users or licences the plan includes',
    nl: 'moet minstens het aantal gebruikers of licenties zijn dat het plan omvat',
    da: 'skal være mindst det antal brugere eller licenser, planen omfatter',
  },
  plan_duplicate_feature: {
    en: 'this feature appears more than once',
    nl: 'deze functie komt meer dan eens voor',
    da: 'denne funktion forekommer mere end én gang',
  },
});
