// The tasks feature's shapes, from the generated contract (npm run generate).
import type { BodyOf, QueryOf, ResponseOf } from '../../lib/types.ts';

export type Task = ResponseOf<'/api/v1/tasks', 'get'>['items'][number];
export type TaskInput = BodyOf<'/api/v1/accounts/{id}/tasks', 'post'>;
export type TaskUpdate = BodyOf<'/api/v1/tasks/{id}', 'patch'>;
export type TaskBulk = BodyOf<'/api/v1/tasks/bulk', 'post'>;
export type TaskSort = NonNullable<QueryOf<'/api/v1/tasks', 'get'>['sort']>;
export type TaskDue = NonNullable<QueryOf<'/api/v1/tasks', 'get'>['due']>;
export type TaskPriority = Task['priority'];
export type TaskComment = ResponseOf<'/api/v1/tasks/{id}/comments', 'get'>['items'][number];
export type Workload = ResponseOf<'/api/v1/tasks/workload', 'get'>['items'][number];
