/** The tasks feature's query keys: invalidating `all` refreshes every list of tasks. */
export const taskKeys = {
  all: ['tasks'] as const,
  list: ['tasks', 'list'] as const,
};
