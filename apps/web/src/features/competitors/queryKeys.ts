/** The competitors feature's query keys. */
export const competitorKeys = {
  all: ['competitors'] as const,
  list: ['competitors', 'list'] as const,
  detail: (id: string) => ['competitors', 'detail', id] as const,
  accounts: (id: string) => ['competitors', 'accounts', id] as const,
  ofAccount: (accountId: string) => ['competitors', 'account', accountId] as const,
  comparison: ['competitors', 'comparison'] as const,
};
