// The tasks feature's shapes, from the generated contract (npm run generate).
import type { BodyOf, QueryOf, ResponseOf } from '../../lib/types.ts';

export type Task = ResponseOf<'/api/v1/tasks', 'get'>['items'][number];
export type TaskInput = BodyOf<'/api/v1/accounts/{id}/tasks', 'post'>;
export type TaskSort = NonNullable<QueryOf<'/api/v1/tasks', 'get'>['sort']>;
