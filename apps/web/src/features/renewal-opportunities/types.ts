// The renewal-opportunities feature's shapes, from the generated contract (npm run generate).
import type { BodyOf, QueryOf, ResponseOf } from '../../lib/types.ts';

export type Renewal = ResponseOf<'/api/v1/renewal-opportunities', 'get'>['items'][number];
export type RenewalStage = Renewal['stage'];
export type RenewalCategory = Renewal['category'];
export type RenewalTiming = Renewal['timing'];
export type RenewalUpdate = BodyOf<'/api/v1/renewal-opportunities/{id}', 'patch'>;
export type RenewalSort = NonNullable<QueryOf<'/api/v1/renewal-opportunities', 'get'>['sort']>;
export type RenewalBoard = ResponseOf<'/api/v1/renewal-opportunities/board', 'get'>;
