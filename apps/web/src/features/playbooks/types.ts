// The playbooks feature's shapes, from the generated contract (npm run generate).
import type { BodyOf, QueryOf, ResponseOf } from '../../lib/types.ts';

export type Playbook = ResponseOf<'/api/v1/playbooks', 'get'>['items'][number];
export type PlaybookInput = BodyOf<'/api/v1/accounts/{id}/playbooks', 'post'>;
export type PlaybookSort = NonNullable<QueryOf<'/api/v1/playbooks', 'get'>['sort']>;
