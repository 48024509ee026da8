/** The notifications feature's query keys: invalidating `all` refreshes the bell's count and list. */
export const notificationKeys = {
  all: ['notifications'] as const,
  count: ['notifications', 'count'] as const,
  list: ['notifications', 'list'] as const,
};
