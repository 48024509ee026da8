import { optEnum, optString, optStringList } from '../../lib/search.ts';
import { INTERVALS, type Interval } from './types.ts';

export const CATALOGUE_TABS = ['plans', 'products', 'features'] as const;
export type CatalogueTab = (typeof CATALOGUE_TABS)[number];

export interface CatalogueSearch {
  tab?: CatalogueTab;
}
export const parseCatalogueSearch = (search: Record<string, unknown>): CatalogueSearch => ({ tab: optEnum(search.tab, CATALOGUE_TABS) });

/** The comparison's currency, interval and products in the URL, so a comparison can be sent as a link. */
export interface ComparisonSearch {
  currency?: string;
  interval?: Interval;
  productId?: string[];
}
export function parseComparisonSearch(search: Record<string, unknown>): ComparisonSearch {
  const currency = optString(search.currency)?.toUpperCase();
  const interval = Number(search.interval);
  return {
    currency: currency && /^[A-Z]{3}$/.test(currency) ? currency : undefined,
    interval: (INTERVALS as readonly number[]).includes(interval) ? (interval as Interval) : undefined,
    productId: optStringList(search.productId),
  };
}
