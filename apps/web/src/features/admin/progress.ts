import { formatNumber } from '../../lib/format.ts';
import { formatPercent } from '../../lib/money.ts';

/** Reads the common progress shapes jobs report ({ processed, total }, { done, total } or a fraction). */
export function progressFraction(progress: unknown): { value: number; label: string } | null {
  if (typeof progress === 'number' && Number.isFinite(progress)) {
    const pct = progress <= 1 ? progress * 100 : progress;
    return { value: Math.min(100, pct), label: formatPercent(pct / 100, 0) };
  }
  if (progress && typeof progress === 'object') {
    const p = progress as Record<string, unknown>;
    const total = typeof p.total === 'number' ? p.total : undefined;
    const done = [p.processed, p.done, p.current, p.processedRows].find((v): v is number => typeof v === 'number');
    if (total !== undefined && done !== undefined)
      return { value: total > 0 ? Math.min(100, (done / total) * 100) : 100, label: `${formatNumber(done)} / ${formatNumber(total)}` };
  }
  return null;
}

// Counts jobs report, in the order people read them: how far, then what came of it.
const PROGRESS_ORDER = ['processedRows', 'insertedRows', 'updatedRows', 'skippedRows'];
export const progressRank = (key: string) => (PROGRESS_ORDER.includes(key) ? PROGRESS_ORDER.indexOf(key) : PROGRESS_ORDER.length);

/** One counter a job reports, as people read it: a number in the UI language, anything else as text. */
export function progressValue(value: unknown): string {
  if (typeof value === 'number') return formatNumber(value);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
