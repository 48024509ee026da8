// The support feature's shapes, from the generated contract (npm run generate).
import type { BodyOf, QueryOf, ResponseOf } from '../../lib/types.ts';

export type SupportRequest = ResponseOf<'/api/v1/support/requests', 'get'>['items'][number];
export type SupportRequestDetail = ResponseOf<'/api/v1/support/requests/{id}', 'get'>;
export type SupportMessage = SupportRequestDetail['messages'][number];
export type SupportRequestInput = BodyOf<'/api/v1/support/requests', 'post'>;
export type SupportRequestUpdate = BodyOf<'/api/v1/support/requests/{id}', 'patch'>;
export type SupportReply = BodyOf<'/api/v1/support/requests/{id}/messages', 'post'>;
export type SupportSettings = ResponseOf<'/api/v1/support/settings', 'get'>;
export type SupportSort = NonNullable<QueryOf<'/api/v1/support/requests', 'get'>['sort']>;
export type SupportStatus = SupportRequest['status'];
export type SupportPriority = SupportRequest['priority'];
