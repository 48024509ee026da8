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
});
