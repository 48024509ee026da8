import type { TFunction } from 'i18next';
import { formatDate } from '../../lib/format.ts';
import { formatDecimal, formatMoney } from '../../lib/money.ts';
import type { SubscriptionChange } from './types.ts';

type Payload = Record<string, unknown> & { display?: Record<string, unknown> };

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/**
 * A change as a sentence people read on the timeline: "Upgraded Professional → Enterprise",
 * "Cancellation requested: Too expensive — ends 31 May 2025". The MRR effect is `mrrText`.
 */
export function describeChange(c: SubscriptionChange, t: TFunction): string {
  const p = c.payload as Payload;
  const d = p.display ?? {};
  const line = (p.line ?? {}) as Record<string, unknown>;
  const lines = Array.isArray(p.lines) ? (p.lines as Record<string, unknown>[]) : [];
  const item = str(d.description) ?? str(line.description) ?? str(p.description) ?? t('subscription.aLine');
  const money = (v: unknown) => (num(v) === undefined ? '—' : formatMoney(num(v), c.currency));
  const discount = (p.discount ?? line.discount) as { percent?: number; kind?: string; until?: string | null } | undefined;
  const vars = {
    item,
    from: str(d.fromPlan) ?? item,
    to: str(d.toPlan) ?? str(p.description) ?? item,
    fromQuantity: formatDecimal(num(d.fromQuantity)),
    quantity: formatDecimal(num(p.quantity)),
    fromPrice: money(d.fromUnitPrice),
    price: money(p.unitPrice ?? line.unitPrice),
    percent: discount?.percent === undefined ? '—' : formatDecimal(discount.percent),
    discountKind: discount?.kind ? t(`subscription.discountKinds.${discount.kind}`) : '',
    until: formatDate(str(discount?.until)),
    reason: c.reasonLabel ?? t('subscription.noReason'),
    endsOn: formatDate(str(p.endsOn)),
    termEnd: formatDate(str(p.termEnd)),
    lines:
      lines
        .map((l) => str(l.description))
        .filter(Boolean)
        .join(', ') || item,
  };
  const key =
    c.kind === 'discount_added' && discount?.kind === 'until'
      ? 'discount_until'
      : c.kind === 'renewal' && !p.termEnd
        ? 'renewal_open'
        : c.kind === 'cancel_request' && !p.endsOn
          ? 'cancel_request_open'
          : c.kind;
  return t(`subscription.changeText.${key}`, vars);
}

/** "MRR €400 → €900", or nothing when the change did not move MRR. */
export function mrrText(c: SubscriptionChange, t: TFunction): string | null {
  if (Math.abs(c.mrrAfter - c.mrrBefore) < 0.005) return null;
  return t('subscription.mrrChange', { before: formatMoney(c.mrrBefore, c.currency), after: formatMoney(c.mrrAfter, c.currency) });
}

/** Colour of a change kind: up green, down orange, cancellations and ends red. */
export function kindColor(kind: SubscriptionChange['kind']): string {
  if (['upgrade', 'add_on', 'reactivation', 'start', 'renewal', 'discount_removed', 'cancel_withdrawn'].includes(kind)) return 'teal';
  if (['downgrade', 'remove_line', 'discount_added'].includes(kind)) return 'orange';
  if (['cancel_request', 'end'].includes(kind)) return 'red';
  return 'blue';
}
