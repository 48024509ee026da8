// The usage feature's shapes, from the generated contract (npm run generate).
import type { BodyOf, QueryOf, ResponseOf } from '../../lib/types.ts';

export type UsageSource = ResponseOf<'/api/v1/usage/sources', 'get'>['items'][number];
export type UsageSourceInput = BodyOf<'/api/v1/usage/sources', 'post'>;
export type UsageKey = ResponseOf<'/api/v1/usage/keys', 'get'>['items'][number];
export type UsageKeyStatus = NonNullable<QueryOf<'/api/v1/usage/keys', 'get'>['status']>;
export type UsageKeySort = NonNullable<QueryOf<'/api/v1/usage/keys', 'get'>['sort']>;
export type UsageCsvResult = ResponseOf<'/api/v1/usage/events/import', 'post'>;
