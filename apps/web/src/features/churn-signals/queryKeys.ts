/** The churn-signals feature's query keys: invalidating `all` refreshes every list of churn signals. */
export const churnSignalKeys = {
  all: ['churn-signals'] as const,
  list: ['churn-signals', 'list'] as const,
};
