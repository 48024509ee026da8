// The journeys feature's shapes, from the generated contract (npm run generate).
import type { BodyOf, QueryOf, ResponseOf } from '../../lib/types.ts';

export type Journey = ResponseOf<'/api/v1/journeys', 'get'>['items'][number];
export type JourneyInput = BodyOf<'/api/v1/accounts/{id}/journeys', 'post'>;
export type JourneySort = NonNullable<QueryOf<'/api/v1/journeys', 'get'>['sort']>;
