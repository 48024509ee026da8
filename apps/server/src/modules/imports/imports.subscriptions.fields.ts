import type { TTargetField } from './imports.fields.ts';
import type { TImportOptions } from './imports.table.ts';

export type { TImportOptions };

/**
 * Subscriptions are imported in a form chosen at upload: `periods` (one row per paid period) or `changes`
 * (one row per effective-dated change). Each form has its own fields and header synonyms.
 */
export type TSubscriptionFormat = TImportOptions['format'];
export const SUBSCRIPTION_FORMATS = ['periods', 'changes'] as const satisfies readonly TSubscriptionFormat[];

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

export const CHANGE_FIELDS: TTargetField[] = [
  PERIOD_FIELDS[0] as TTargetField,
  { key: 'subscriptionId', label: 'Subscription id', required: false, type: 'text', hint: 'groups the changes of one subscription' },
  { key: 'effectiveDate', label: 'Effective date', required: true, type: 'date' },
  {
    key: 'change',
    label: 'Change',
    required: true,
    type: 'choice',
    options: ['start', 'upgrade', 'downgrade', 'quantity', 'price', 'discount', 'cancel', 'end', 'reactivate', 'renew'],
  },
  { key: 'plan', label: 'Plan', required: false, type: 'reference', hint: 'a plan code of the catalogue' },
  { key: 'quantity', label: 'Quantity', required: false, type: 'integer' },
  { key: 'unitPrice', label: 'Unit price', required: false, type: 'number', hint: 'per unit and billing interval' },
  { key: 'currency', label: 'Currency', required: false, type: 'text', hint: 'e.g. EUR; the reporting currency when empty' },
  { key: 'intervalMonths', label: 'Billing interval (months)', required: false, type: 'integer', hint: '1 when empty' },
  { key: 'discountPercent', label: 'Discount %', required: false, type: 'number', hint: '0 removes the discount' },
  { key: 'reason', label: 'Reason', required: false, type: 'text' },
  { key: 'comment', label: 'Comment', required: false, type: 'text' },
  {
    key: 'changeId',
    label: 'Change id',
    required: false,
    type: 'text',
    hint: 'matched when re-importing; derived from the row when empty',
  },
];

export const CHANGE_SYNONYMS: Record<string, string[]> = {
  customerId: PERIOD_SYNONYMS.customerId as string[],
  subscriptionId: ['subscription_id', 'subscription id', 'subscription', 'contract id', 'abonnement id', 'abonnements id'],
  effectiveDate: ['effective_date', 'effective date', 'date', 'datum', 'ingangsdatum', 'dato', 'ikrafttrædelsesdato'],
  change: ['change', 'change type', 'event', 'type', 'wijziging', 'ændring'],
  plan: PERIOD_SYNONYMS.plan as string[],
  quantity: PERIOD_SYNONYMS.quantity as string[],
  unitPrice: ['unit_price', 'unit price', 'price', 'prijs', 'stukprijs', 'pris', 'enhedspris'],
  currency: PERIOD_SYNONYMS.currency as string[],
  intervalMonths: ['interval_months', 'interval months', 'billing interval', 'interval', 'factuurinterval', 'faktureringsinterval'],
  discountPercent: ['discount_percent', 'discount percent', 'discount', 'korting', 'rabat'],
  reason: ['reason', 'cancel reason', 'reden', 'årsag'],
  comment: ['comment', 'comments', 'note', 'opmerking', 'kommentar'],
  changeId: ['change_id', 'change id', 'event id'],
};

export const subscriptionFieldsFor = (options: TImportOptions | null): TTargetField[] =>
  (options?.format === 'changes' ? CHANGE_FIELDS : PERIOD_FIELDS).map((f) => ({ ...f, ...(f.options ? { options: [...f.options] } : {}) }));
export const subscriptionSynonymsFor = (options: TImportOptions | null): Record<string, string[]> =>
  options?.format === 'changes' ? CHANGE_SYNONYMS : PERIOD_SYNONYMS;
