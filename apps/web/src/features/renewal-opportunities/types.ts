// The renewal-opportunities feature's shapes, from the generated contract (npm run generate).
import type { BodyOf, QueryOf, ResponseOf } from '../../lib/types.ts';

export type RenewalOpportunity = ResponseOf<'/api/v1/renewal-opportunities', 'get'>['items'][number];
export type RenewalOpportunityInput = BodyOf<'/api/v1/accounts/{id}/renewal-opportunities', 'post'>;
export type RenewalOpportunitySort = NonNullable<QueryOf<'/api/v1/renewal-opportunities', 'get'>['sort']>;
