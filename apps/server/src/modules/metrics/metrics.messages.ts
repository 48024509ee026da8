import { defineMessages } from '../../platform/messages.ts';

/** What the metrics module tells a user, in every UI language. The codes are part of the API: keep them. */
export const metricMessages = defineMessages({
  metrics_range_order: {
    en: 'the end of the range is before its start',
    nl: 'het einde van de periode ligt voor het begin',
    da: 'periodens slutning ligger før dens start',
  },
  metrics_too_many_periods: {
    en: 'more than 5,000 periods; choose a coarser granularity or a shorter range',
    nl: 'meer dan 5.000 perioden; kies een grovere indeling of een kortere periode',
    da: 'mere end 5.000 perioder; vælg en grovere inddeling eller en kortere periode',
  },
  metrics_rate_reporting: {
    en: '{currency} is the reporting currency; it needs no exchange rate',
    nl: '{currency} is de rapportagevaluta; daarvoor is geen wisselkoers nodig',
    da: '{currency} er rapporteringsvalutaen; den behøver ingen vekselkurs',
  },
  metrics_month_or_day: {
    en: 'must be a month (2019-01) or a day (2019-01-15)',
    nl: 'moet een maand (2019-01) of een dag (2019-01-15) zijn',
    da: 'skal være en måned (2019-01) eller en dag (2019-01-15)',
  },
  metrics_month: {
    en: 'must be a month such as 2024-01',
    nl: 'moet een maand zijn, zoals 2024-01',
    da: 'skal være en måned som 2024-01',
  },
  metrics_key_value: {
    en: 'must be key:value',
    nl: 'moet sleutel:waarde zijn',
    da: 'skal være nøgle:værdi',
  },
  metrics_currency_code: {
    en: 'must be a three-letter currency code',
    nl: 'moet een valutacode van drie letters zijn',
    da: 'skal være en valutakode på tre bogstaver',
  },
});
