/** The notifications feature's query keys: invalidating `all` refreshes the bell's count and list and the page. */
export const notificationKeys = {
  all: ['notifications'] as const,
  count: ['notifications', 'count'] as const,
  list: ['notifications', 'list'] as const,
  page: ['notifications', 'page'] as const,
};
