// The churn-signals feature's shapes, from the generated contract (npm run generate).
import type { BodyOf, QueryOf, ResponseOf } from '../../lib/types.ts';

export type ChurnSignal = ResponseOf<'/api/v1/churn-signals', 'get'>['items'][number];
export type ChurnSignalInput = BodyOf<'/api/v1/accounts/{id}/churn-signals', 'post'>;
export type ChurnSignalSort = NonNullable<QueryOf<'/api/v1/churn-signals', 'get'>['sort']>;
export type SignalKind = ChurnSignal['kind'];
