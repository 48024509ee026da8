/** The contacts feature's query keys: invalidating `all` refreshes every list and page of contacts. */
export const contactKeys = {
  all: ['contacts'] as const,
  list: ['contacts', 'list'] as const,
  detail: (id: string) => ['contacts', 'detail', id] as const,
  ofAccount: (accountId: string) => ['contacts', 'account', accountId] as const,
};
