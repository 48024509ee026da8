// The renewals feature's shapes, from the generated contract (npm run generate).
import type { QueryOf, ResponseOf } from '../../lib/types.ts';

export type RenewalReport = ResponseOf<'/api/v1/renewals/report', 'get'>;
export type RenewalPeriod = RenewalReport['periods'][number];
export type RenewalTerm = ResponseOf<'/api/v1/renewals/terms', 'get'>['items'][number];
export type RenewalGranularity = NonNullable<QueryOf<'/api/v1/renewals/report', 'get'>['by']>;
export type RenewalTermOutcome = NonNullable<QueryOf<'/api/v1/renewals/terms', 'get'>['outcome']>;
export type RenewalTermSort = NonNullable<QueryOf<'/api/v1/renewals/terms', 'get'>['sort']>;
