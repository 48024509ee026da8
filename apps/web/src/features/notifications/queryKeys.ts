/** The notifications feature's query keys: invalidating `all` refreshes every list of notifications. */
export const notificationKeys = {
  all: ['notifications'] as const,
  list: ['notifications', 'list'] as const,
};
