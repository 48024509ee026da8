// The surveys feature's shapes, from the generated contract (npm run generate).
import type { BodyOf, QueryOf, ResponseOf } from '../../lib/types.ts';

export type Survey = ResponseOf<'/api/v1/surveys', 'get'>['items'][number];
export type SurveyInput = BodyOf<'/api/v1/surveys', 'post'>;
export type SurveySort = NonNullable<QueryOf<'/api/v1/surveys', 'get'>['sort']>;
export type SurveyKind = Survey['kind'];
export type SurveyResponse = ResponseOf<'/api/v1/surveys/responses', 'get'>['items'][number];
export type ResponseInput = BodyOf<'/api/v1/surveys/{id}/responses', 'post'>;
export type ResponseSort = NonNullable<QueryOf<'/api/v1/surveys/responses', 'get'>['sort']>;
export type ResponseCategory = SurveyResponse['category'];
export type ScoreReport = ResponseOf<'/api/v1/surveys/{id}/report', 'get'>;
export type ImportResult = ResponseOf<'/api/v1/surveys/{id}/responses/import', 'post'>;
