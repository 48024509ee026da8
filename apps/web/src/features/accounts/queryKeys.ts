/** The accounts feature's query keys: invalidating `all` refreshes every list and page of accounts. */
export const accountKeys = {
  all: ['accounts'] as const,
  list: ['accounts', 'list'] as const,
  detail: (id: string) => ['accounts', 'detail', id] as const,
  timeline: (accountId: string) => ['timeline', accountId] as const,
};
