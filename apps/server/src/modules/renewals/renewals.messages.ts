import { defineMessages } from '../../platform/messages.ts';

/** What the renewals module tells a user, in every UI language. The codes are part of the API: keep them. */
export const renewalsMessages = defineMessages({
  renewals_month_format: {
    en: 'give a month as YYYY-MM, e.g. 2019-01',
    nl: 'geef een maand als JJJJ-MM, bijv. 2019-01',
    da: 'angiv en måned som ÅÅÅÅ-MM, f.eks. 2019-01',
  },
  renewals_range_order: {
    en: 'the first month must not come after the last ({to})',
    nl: 'de eerste maand mag niet na de laatste ({to}) komen',
    da: 'den første måned må ikke ligge efter den sidste ({to})',
  },
  renewals_range_too_long: {
    en: 'a report covers at most {years} years',
    nl: 'een rapport beslaat hoogstens {years} jaar',
    da: 'en rapport dækker højst {years} år',
  },
});
