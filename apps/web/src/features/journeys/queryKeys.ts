/** The journeys feature's query keys: invalidating `all` refreshes every list of journeys. */
export const journeyKeys = {
  all: ['journeys'] as const,
  list: ['journeys', 'list'] as const,
};
