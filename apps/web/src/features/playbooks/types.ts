// The playbooks feature's shapes, from the generated contract (npm run generate).
import type { BodyOf, QueryOf, ResponseOf } from '../../lib/types.ts';

export type Playbook = ResponseOf<'/api/v1/playbooks/{id}', 'get'>;
export type PlaybookInput = BodyOf<'/api/v1/playbooks', 'post'>;
export type Condition = PlaybookInput['conditions'] extends (infer C)[] | undefined ? C : never;
export type Action = PlaybookInput['actions'][number];
export type Trigger = PlaybookInput['trigger'];
export type PlaybookSort = NonNullable<QueryOf<'/api/v1/playbooks', 'get'>['sort']>;
export type PlaybookRun = ResponseOf<'/api/v1/playbooks/{id}/runs', 'get'>['items'][number];
export type DryRunResult = ResponseOf<'/api/v1/playbooks/dry-run', 'post'>;
