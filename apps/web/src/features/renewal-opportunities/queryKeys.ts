/** The renewal-opportunities feature's query keys: invalidating `all` refreshes every list of renewal opportunities. */
export const renewalOpportunityKeys = {
  all: ['renewal-opportunities'] as const,
  list: ['renewal-opportunities', 'list'] as const,
};
