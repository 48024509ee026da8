/** The subscriptions feature's query keys; invalidating `all` refreshes every list, tab and chart of it. */
export const subscriptionKeys = {
  all: ['subscriptions'] as const,
  list: ['subscriptions', 'list'] as const,
  changes: ['subscriptions', 'changes'] as const,
  account: (accountId: string) => ['subscriptions', 'account', accountId] as const,
  accountMrr: (accountId: string) => ['subscriptions', 'account-mrr', accountId] as const,
  cancelReasons: ['subscriptions', 'cancel-reasons'] as const,
  plans: ['subscriptions', 'plans'] as const,
  competitors: ['subscriptions', 'competitors'] as const,
};
