import { formatPercent } from '../../lib/money.ts';

/** A share given in % (0–100), in the UI language. */
export const pct = (v: number | null | undefined) => formatPercent(v === null || v === undefined ? null : v / 100);
