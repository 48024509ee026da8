// The adoption feature's shapes, from the generated contract (npm run generate).
import type { BodyOf, QueryOf, ResponseOf } from '../../lib/types.ts';

export type AccountAdoption = ResponseOf<'/api/v1/accounts/{id}/adoption', 'get'>;
export type AdoptionSummary = AccountAdoption['summary'];
export type AccountFeature = AccountAdoption['features'][number];
export type AdoptionFlag = AdoptionSummary['flags'][number];
export type AdoptionReason = AdoptionSummary['reasons'][number];
export type FeatureAdoption = ResponseOf<'/api/v1/usage/adoption/features', 'get'>['items'][number];
export type FeatureAdoptionQuery = NonNullable<QueryOf<'/api/v1/usage/adoption/features', 'get'>>;
export type KeyFeatures = ResponseOf<'/api/v1/usage/key-features', 'get'>;
export type KeyFeatureInput = BodyOf<'/api/v1/usage/key-features', 'put'>['items'][number];
export type AdoptionSettings = ResponseOf<'/api/v1/usage/adoption/settings', 'get'>;
