/** The renewals feature's query keys: invalidating `all` refreshes the report and its drill-down. */
export const renewalKeys = {
  all: ['renewals'] as const,
  report: (query: object) => ['renewals', 'report', query] as const,
  terms: ['renewals', 'terms'] as const,
};
