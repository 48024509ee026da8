/** The adoption feature's query keys: invalidating `all` refreshes every account's tab, the feature view and the settings. */
export const adoptionKeys = {
  all: ['adoption'] as const,
  ofAccount: (accountId: string) => ['adoption', 'account', accountId] as const,
  features: (query: object) => ['adoption', 'features', query] as const,
  keyFeatures: ['adoption', 'key-features'] as const,
  settings: ['adoption', 'settings'] as const,
};
