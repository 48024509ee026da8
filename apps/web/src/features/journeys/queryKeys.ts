/** The journeys feature's query keys: invalidating `all` refreshes the portfolio, every account's journey and the templates. */
export const journeyKeys = {
  all: ['journeys'] as const,
  list: ['journeys', 'list'] as const,
  account: (accountId: string) => ['journeys', 'account', accountId] as const,
  templates: ['journeys', 'templates'] as const,
  template: (id: string) => ['journeys', 'templates', id] as const,
};
