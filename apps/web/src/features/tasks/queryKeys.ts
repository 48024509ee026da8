/** The tasks feature's query keys: invalidating `all` refreshes every list of tasks, a task, its comments and the workload. */
export const taskKeys = {
  all: ['tasks'] as const,
  list: ['tasks', 'list'] as const,
  one: (id: string) => ['tasks', 'one', id] as const,
  comments: (id: string) => ['tasks', 'comments', id] as const,
  workload: ['tasks', 'workload'] as const,
  calendarFeed: ['tasks', 'calendar-feed'] as const,
};
