// The accounts feature's own shapes, from the generated contract (shared ones are in lib/types.ts).
import { valuesOf } from '../../lib/enums.ts';
import type { BodyOf, QueryOf, ResponseOf } from '../../lib/types.ts';

export type AccountQuery = QueryOf<'/api/v1/accounts', 'get'>;
export type AccountSort = NonNullable<AccountQuery['sort']>;
export type Interaction = ResponseOf<'/api/v1/accounts/{id}/timeline', 'get'>['items'][number];
export type InteractionInput = BodyOf<'/api/v1/accounts/{id}/interactions', 'post'>;
export type InteractionKind = Interaction['kind'];
export const INTERACTION_KINDS = valuesOf<InteractionKind>({
  note: true,
  call: true,
  email: true,
  meeting: true,
  chat: true,
  support_request: true,
});
