/** The quotes feature's query keys: invalidating `all` refreshes the lists, a quote and the templates. */
export const quoteKeys = {
  all: ['quotes'] as const,
  list: ['quotes', 'list'] as const,
  one: (id: string) => ['quotes', 'one', id] as const,
  ofRenewal: (renewalId: string) => ['quotes', 'renewal', renewalId] as const,
  templates: ['quotes', 'templates'] as const,
  settings: ['quotes', 'settings'] as const,
  public: (token: string) => ['quotes', 'public', token] as const,
};
