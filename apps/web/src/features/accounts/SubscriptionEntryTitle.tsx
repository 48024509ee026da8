import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format.ts';

/** A subscription change on the timeline, worded in the reader's language from the entry's data. */
export function SubscriptionEntryTitle({ data }: { data: Record<string, unknown> }) {
  const { t, i18n } = useTranslation();
  const payload = (data.payload ?? {}) as Record<string, unknown>;
  const display = (payload.display ?? {}) as Record<string, unknown>;
  const currency = String(data.currency ?? 'EUR');
  const money = (n: unknown) => new Intl.NumberFormat(i18n.language, { style: 'currency', currency }).format(Number(n ?? 0));
  const line = (payload.line ?? {}) as Record<string, unknown>;
  const discount = (payload.discount ?? {}) as Record<string, unknown>;
  const values = {
    from: display.fromPlan ?? '—',
    to: display.toPlan ?? '—',
    what: display.description ?? line.description ?? '—',
    quantity: payload.quantity,
    price: money(payload.unitPrice),
    percent: discount.percent,
    reason: data.reasonLabel ?? '—',
    endsOn: formatDate(String(payload.endsOn ?? ''), i18n.language),
  };
  const kind = String(data.kind);
  const before = Number(data.mrrBefore ?? 0);
  const after = Number(data.mrrAfter ?? 0);
  return (
    <>
      {String(data.reference)}: {t(`timeline.subscription.${kind}`, values)}
      {before !== after ? ` · ${t('timeline.subscription.mrr', { before: money(before), after: money(after) })}` : ''}
    </>
  );
}
