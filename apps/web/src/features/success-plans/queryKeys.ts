/** The success-plans feature's query keys: invalidating `all` refreshes the portfolio and every account's plan. */
export const successPlanKeys = {
  all: ['success-plans'] as const,
  list: ['success-plans', 'list'] as const,
  account: (accountId: string) => ['success-plans', 'account', accountId] as const,
};
