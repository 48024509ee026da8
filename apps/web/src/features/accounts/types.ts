// The accounts feature's own shapes, from the generated contract (shared ones are in lib/types.ts).
import { valuesOf } from '../../lib/enums.ts';
import type { BodyOf, QueryOf, ResponseOf } from '../../lib/types.ts';

export type AccountQuery = QueryOf<'/api/v1/accounts', 'get'>;
export type AccountSort = NonNullable<AccountQuery['sort']>;
export type Interaction = ResponseOf<'/api/v1/accounts/{id}/timeline', 'get'>['items'][number];
export type InteractionInput = BodyOf<'/api/v1/accounts/{id}/interactions', 'post'>;
/** What a user logs by hand. */
export type InteractionKind = InteractionInput['kind'];
export const INTERACTION_KINDS = valuesOf<InteractionKind>({
  note: true,
  call: true,
  email: true,
  meeting: true,
  chat: true,
  support_request: true,
});
/** Everything the timeline shows: the logged kinds and the entries other modules write (subscription changes …). */
export type TimelineKind = Interaction['kind'];
export const TIMELINE_KINDS = valuesOf<TimelineKind>({
  note: true,
  call: true,
  email: true,
  meeting: true,
  chat: true,
  support_request: true,
  subscription: true,
  churn_signal: true,
  renewal: true,
  nurture: true,
  success_plan: true,
});
