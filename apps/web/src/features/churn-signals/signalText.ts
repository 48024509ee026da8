import type { TFunction } from 'i18next';
import { formatDate } from '../../lib/format.ts';
import type { SignalKind } from './types.ts';

/** What a signal says, in the UI language: from its kind and details (dates as the language writes them). */
export function describeSignal(s: { kind: SignalKind; details: Record<string, unknown>; note?: string | null }, t: TFunction): string {
  const d = s.details;
  const date = (v: unknown) => (typeof v === 'string' ? formatDate(v) : '');
  switch (s.kind) {
    case 'downgrade': {
      const before = Number(d.mrrBeforeCents ?? 0);
      const after = Number(d.mrrAfterCents ?? 0);
      const percent = before > 0 ? Math.round(((before - after) / before) * 100) : 0;
      return t('churnSignal.text.downgrade', { date: date(d.effectiveDate), percent });
    }
    case 'cancel_request':
      return t('churnSignal.text.cancel_request', { date: date(d.effectiveDate) });
    case 'champion_left':
      return t('churnSignal.text.champion_left', { name: String(d.contactName ?? ''), date: date(d.leftOn) });
    case 'usage_drop':
      return typeof d.dropPct === 'number'
        ? t('churnSignal.text.usage_drop_by', { percent: d.dropPct, days: Number(d.windowDays ?? 30) })
        : t('churnSignal.text.usage_drop');
    case 'no_login':
      return typeof d.lastSeenOn === 'string'
        ? t('churnSignal.text.no_login_since', { date: date(d.lastSeenOn) })
        : t('churnSignal.text.no_login');
    case 'manual':
      return s.note ?? t('churnSignal.kinds.manual');
    default:
      return t(`churnSignal.text.${s.kind}`);
  }
}
