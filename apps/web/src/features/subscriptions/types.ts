import { valuesOf } from '../../lib/enums.ts';
import type { BodyOf, QueryOf, ResponseOf } from '../../lib/types.ts';

export type SubscriptionDetail = ResponseOf<'/api/v1/subscriptions/{id}', 'get'>;
export type Subscription = ResponseOf<'/api/v1/subscriptions', 'get'>['items'][number];
export type SubscriptionLine = SubscriptionDetail['lines'][number];
export type SubscriptionChange = ResponseOf<'/api/v1/subscription-changes', 'get'>['items'][number];
export type CancelReason = ResponseOf<'/api/v1/cancel-reasons', 'get'>[number];
export type SubscriptionQuery = QueryOf<'/api/v1/subscriptions', 'get'>;
export type ChangeQuery = QueryOf<'/api/v1/subscription-changes', 'get'>;
export type SubscriptionSort = NonNullable<SubscriptionQuery['sort']>;
export type ChangeSort = NonNullable<ChangeQuery['sort']>;
export type SubscriptionStatus = SubscriptionDetail['status'];
export type ChangeKind = SubscriptionChange['kind'];
export type CreateSubscriptionBody = BodyOf<'/api/v1/accounts/{id}/subscriptions', 'post'>;
export type ChangeBody = BodyOf<'/api/v1/subscriptions/{id}/changes', 'post'>;
export type ChangeOp = ChangeBody['op'];
export type LineInput = CreateSubscriptionBody['lines'][number];
export type Discount = NonNullable<LineInput['discount']>;
export type DiscountKind = Discount['kind'];

export const SUBSCRIPTION_STATUSES = valuesOf<SubscriptionStatus>({
  scheduled: true,
  trial: true,
  active: true,
  cancelling: true,
  ended: true,
});
export const SUBSCRIPTION_SORTS = valuesOf<SubscriptionSort>({
  reference: true,
  account: true,
  mrr: true,
  termEnd: true,
  status: true,
  createdAt: true,
});
export const CHANGE_KINDS = valuesOf<ChangeKind>({
  start: true,
  upgrade: true,
  downgrade: true,
  plan_change: true,
  add_on: true,
  remove_line: true,
  quantity: true,
  price: true,
  discount_added: true,
  discount_removed: true,
  terms: true,
  cancel_request: true,
  cancel_withdrawn: true,
  end: true,
  reactivation: true,
  renewal: true,
});
export const CHANGE_OPS = valuesOf<ChangeOp>({
  change_plan: true,
  add_line: true,
  remove_line: true,
  quantity: true,
  price: true,
  discount: true,
  remove_discount: true,
  terms: true,
  cancel: true,
  withdraw_cancel: true,
  end: true,
  reactivate: true,
  renew: true,
});
export const DISCOUNT_KINDS = valuesOf<DiscountKind>({ lasting: true, once: true, until: true });
/** Months in a billing interval, as the API takes them. */
export const INTERVALS = [1, 3, 12, 24, 36] as const;

/** The kinds the Changes page offers as chips: what moved MRR up, down, or ended it (downgrades apart from churn). */
export const KIND_GROUPS: Record<'up' | 'down' | 'cancel', readonly ChangeKind[]> = {
  up: ['upgrade', 'add_on', 'quantity', 'price', 'reactivation', 'discount_removed'],
  down: ['downgrade', 'remove_line', 'discount_added'],
  cancel: ['cancel_request', 'end', 'cancel_withdrawn'],
};
