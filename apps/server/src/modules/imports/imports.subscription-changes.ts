import { CHANGE_NEEDS, CHANGE_ROW_KINDS, type TChangeRow, type TChangeRowKind } from '../subscriptions/index.ts';
import type { RowReader } from './imports.rows.ts';
import { parseDate, parseInteger, parseNumber, parseText, problem } from './imports.values.ts';

/** One row of a subscriptions file in the changes form, read and checked (the pipeline is imports.subscriptions.ts). */
export async function readChangeRow(
  r: RowReader,
  ctx: {
    plan: (code: string) => Promise<{ id: string; name: string } | null>;
    currency: (raw: string) => string | ReturnType<typeof problem>;
    reportingCurrency: string;
    /** The organisation's cancel reason with this label (any case), or null. */
    reason: (label: string) => { id: string; label: string } | null;
    /** An unknown reason is kept to be added to the cancel reasons (the option "create missing reasons"). */
    createMissingReasons: boolean;
  },
): Promise<TChangeRow> {
  for (const field of ['customerId', 'effectiveDate', 'change']) if (r.raw(field) === '') r.fail(field, problem('is_required'));
  const change = r.get('change', (v) =>
    CHANGE_ROW_KINDS.includes(v.toLowerCase() as TChangeRowKind)
      ? (v.toLowerCase() as TChangeRowKind)
      : problem('not_a_choice', { labels: CHANGE_ROW_KINDS.join(', ') }),
  );
  const unitPrice = r.get('unitPrice', (v) => {
    const n = parseNumber(v);
    return typeof n === 'number' && n < 0 ? problem('amount_not_negative') : n;
  });
  const row: TChangeRow = {
    rowNumber: r.row.rowNumber,
    customerId: r.get('customerId', (v) => parseText(v, 100)) ?? '',
    subscriptionId: r.get('subscriptionId', (v) => parseText(v, 100)),
    effectiveDate: r.get('effectiveDate', parseDate) ?? '',
    change: change ?? 'start',
    planId: null,
    planLabel: null,
    quantity: r.get('quantity', (v) => parseInteger(v, 1, 1_000_000)),
    unitPrice,
    currency: r.get('currency', ctx.currency) ?? ctx.reportingCurrency,
    intervalMonths: r.get('intervalMonths', (v) => parseInteger(v, 1, 120)),
    discountPercent: r.get('discountPercent', (v) => {
      const n = parseNumber(v);
      return typeof n === 'number' && (n < 0 || n > 100) ? problem('number_between', { min: 0, max: 100 }) : n;
    }),
    comment: r.get('comment', (v) => parseText(v, 2000)),
    changeId: r.get('changeId', (v) => parseText(v, 200)),
  };
  if (change) for (const need of CHANGE_NEEDS[change]) if (row[need] === null && r.raw(need) === '') r.fail(need, problem('is_required'));
  const reason = r.get('reason', (v) => parseText(v, 200));
  if (reason) {
    const known = ctx.reason(reason);
    if (known) Object.assign(row, { reasonId: known.id, reasonLabel: known.label });
    else if (ctx.createMissingReasons) row.reasonLabel = reason;
    else r.fail('reason', problem('unknown_cancel_reason', { value: reason }));
  }
  const code = r.raw('plan');
  if (code) {
    const plan = await ctx.plan(code);
    if (!plan) r.fail('plan', problem('unknown_plan_code'));
    else Object.assign(row, { planId: plan.id, planLabel: plan.name });
  }
  return row;
}
