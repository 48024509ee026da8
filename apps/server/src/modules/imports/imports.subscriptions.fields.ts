import type { TTargetField } from './imports.fields.ts';
import type { TImportOptions } from './imports.table.ts';

export type { TImportOptions };

/**
 * Subscriptions are imported in a form chosen at upload: `periods` (one row per paid period) or `changes`
 * (one row per effective-dated change). Each form has its own fields and header synonyms.
 */
export type TSubscriptionFormat = TImportOptions['format'];
export const SUBSCRIPTION_FORMATS = ['periods'] as const satisfies readonly TSubscriptionFormat[];

export const PERIOD_FIELDS: TTargetField[] = [
  { key: 'customerId', label: 'Customer id', required: true, type: 'reference', hint: "the account's external id" },
  { key: 'startDate', label: 'Start date', required: true, type: 'date', hint: 'first day of the period (inclusive)' },
  { key: 'endDate', label: 'End date', required: false, type: 'date', hint: 'day after the period (exclusive); empty while it runs' },
  { key: 'monthlyAmount', label: 'Monthly amount', required: true, type: 'number', hint: 'MRR of the period, 0 or more' },
  { key: 'plan', label: 'Plan', required: false, type: 'reference', hint: 'a plan code of the catalogue' },
  { key: 'currency', label: 'Currency', required: false, type: 'text', hint: 'e.g. EUR; the reporting currency when empty' },
  { key: 'quantity', label: 'Quantity', required: false, type: 'integer', hint: '1 when empty' },
];

export const PERIOD_SYNONYMS: Record<string, string[]> = {
  customerId: [
    'customer_id',
    'customer id',
    'customer',
    'customer number',
    'account id',
    'account external id',
    'external id',
    'company id',
    'client id',
    'klant id',
    'klantnummer',
    'kunde id',
    'kundenummer',
    'kundenr',
  ],
  startDate: ['start_date', 'start date', 'start', 'period start', 'from', 'begindatum', 'startdatum', 'van', 'fra'],
  endDate: ['end_date', 'end date', 'end', 'period end', 'to', 'until', 'einddatum', 'tot', 'slutdato', 'til'],
  monthlyAmount: [
    'monthly_amount',
    'monthly amount',
    'mrr',
    'amount',
    'monthly revenue',
    'monthly price',
    'maandbedrag',
    'bedrag',
    'maandelijks bedrag',
    'månedligt beløb',
    'beløb',
  ],
  plan: ['plan', 'plan code', 'plan_code', 'plan id', 'product', 'pakket', 'abonnement', 'pakke'],
  currency: ['currency', 'currency code', 'valuta', 'munt'],
  quantity: ['quantity', 'qty', 'seats', 'licenses', 'licences', 'aantal', 'antal', 'licenties', 'licenser'],
};

export const subscriptionFieldsFor = (_options: TImportOptions | null): TTargetField[] => PERIOD_FIELDS.map((f) => ({ ...f }));
export const subscriptionSynonymsFor = (_options: TImportOptions | null): Record<string, string[]> => PERIOD_SYNONYMS;
