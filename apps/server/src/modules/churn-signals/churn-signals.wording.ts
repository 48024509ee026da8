import type { TSignalKind } from './churn-signals.schemas.ts';

/**
 * A signal in one English sentence: the timeline entry's subject (the web words it in the reader's language from
 * the entry's data) and the CSV export's description.
 */
export function describeSignal(kind: TSignalKind, details: Record<string, unknown>, note: string | null): string {
  const on = typeof details.effectiveDate === 'string' ? ` effective ${details.effectiveDate}` : '';
  switch (kind) {
    case 'downgrade':
      return `Churn signal: downgrade${on}`;
    case 'cancel_request':
      return `Churn signal: cancellation requested${on}`;
    case 'champion_left':
      return typeof details.contactName === 'string'
        ? `Churn signal: champion ${details.contactName} left`
        : 'Churn signal: the champion left';
    case 'usage_drop':
      return typeof details.dropPct === 'number' && typeof details.windowDays === 'number'
        ? `Churn signal: usage down ${details.dropPct}% in the last ${details.windowDays} days`
        : 'Churn signal: usage dropped';
    case 'no_login':
      return typeof details.lastSeenOn === 'string'
        ? `Churn signal: no activity since ${details.lastSeenOn}`
        : 'Churn signal: no login for a while';
    case 'health_red':
      return 'Churn signal: health turned red';
    case 'detractor':
      return 'Churn signal: a detractor answered';
    case 'manual':
      return `Churn signal: ${note ?? 'raised by hand'}`;
  }
}
