/** The upsell-candidates feature's query keys: invalidating `all` refreshes the list, the settings and every account's badge. */
export const upsellCandidateKeys = {
  all: ['upsell-candidates'] as const,
  list: ['upsell-candidates', 'list'] as const,
  settings: ['upsell-candidates', 'settings'] as const,
  ofAccount: (accountId: string) => ['upsell-candidates', 'account', accountId] as const,
};
