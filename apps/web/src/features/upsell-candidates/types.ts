// The upsell-candidates feature's shapes, from the generated contract (npm run generate).
import type { QueryOf, ResponseOf } from '../../lib/types.ts';

export type UpsellCandidate = ResponseOf<'/api/v1/upsell-candidates', 'get'>['items'][number];
export type UpsellReason = UpsellCandidate['reasons'][number];
export type UpsellReasonCode = UpsellReason['code'];
export type UpsellCandidateSort = NonNullable<QueryOf<'/api/v1/upsell-candidates', 'get'>['sort']>;
