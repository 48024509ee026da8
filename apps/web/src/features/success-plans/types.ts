// The success-plans feature's shapes, from the generated contract (npm run generate).
import type { BodyOf, QueryOf, ResponseOf } from '../../lib/types.ts';

export type ObjectiveListItem = ResponseOf<'/api/v1/success-objectives', 'get'>['items'][number];
export type SuccessPlan = ResponseOf<'/api/v1/accounts/{id}/success-plan', 'get'>;
export type Objective = SuccessPlan['objectives'][number];
export type ObjectiveInput = BodyOf<'/api/v1/accounts/{id}/success-objectives', 'post'>;
export type ValueItemInput = BodyOf<'/api/v1/accounts/{id}/success-value-items', 'post'>;
export type ObjectiveSort = NonNullable<QueryOf<'/api/v1/success-objectives', 'get'>['sort']>;
export type ObjectiveStatus = Objective['status'];
export type ObjectiveMetric = Objective['metric'];
