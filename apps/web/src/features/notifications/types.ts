// The notifications feature's shapes, from the generated contract (npm run generate).
import type { BodyOf, QueryOf, ResponseOf } from '../../lib/types.ts';

export type Notification = ResponseOf<'/api/v1/notifications', 'get'>['items'][number];
export type NotificationInput = BodyOf<'/api/v1/accounts/{id}/notifications', 'post'>;
export type NotificationSort = NonNullable<QueryOf<'/api/v1/notifications', 'get'>['sort']>;
