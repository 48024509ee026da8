import { valuesOf } from '../../lib/enums.ts';
import type { BodyOf, QueryOf, ResponseOf } from '../../lib/types.ts';

export type Series = ResponseOf<'/api/v1/metrics/mrr', 'get'>;
export type PeriodMetrics = Series['periods'][number];
export type SeriesQuery = QueryOf<'/api/v1/metrics/mrr', 'get'>;
export type Granularity = NonNullable<SeriesQuery['by']>;
export type GroupBy = NonNullable<SeriesQuery['groupBy']>;
export type Movement = NonNullable<QueryOf<'/api/v1/metrics/movements', 'get'>['type']>;
export type MovementRow = ResponseOf<'/api/v1/metrics/movements', 'get'>['items'][number];
export type MetricSettings = ResponseOf<'/api/v1/metrics/settings', 'get'>;
export type SettingsPatch = BodyOf<'/api/v1/metrics/settings', 'patch'>;
export type ExchangeRate = ResponseOf<'/api/v1/metrics/exchange-rates', 'get'>[number];
export type ServiceCost = ResponseOf<'/api/v1/metrics/service-costs', 'get'>[number];

export const GRANULARITIES = valuesOf<Granularity>({ day: true, month: true, quarter: true, year: true });
export const GROUP_BYS = valuesOf<GroupBy>({ market: true, edition: true, plan: true, owner: true, segment: true });
export const MOVEMENTS = valuesOf<Movement>({ new: true, expansion: true, reactivation: true, contraction: true, churn: true });

/** The colour of each movement on every chart: growth in greens and blues, loss in orange and red. */
export const MOVEMENT_COLORS: Record<Movement, string> = {
  new: 'teal.6',
  expansion: 'blue.6',
  reactivation: 'violet.5',
  contraction: 'orange.6',
  churn: 'red.6',
};

/** The segment filters of every figure, as the metrics API takes them. */
export interface MetricFilters {
  market?: string;
  edition?: string;
  plan?: string;
  owner?: string;
  segment?: string;
  tag?: string;
}
