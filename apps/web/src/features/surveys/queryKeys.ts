/** The surveys feature's query keys: invalidating `all` refreshes every list, figure and answer of surveys. */
export const surveyKeys = {
  all: ['surveys'] as const,
  list: ['surveys', 'list'] as const,
  options: ['surveys', 'options'] as const,
  detail: (id: string) => ['surveys', 'detail', id] as const,
  report: (id: string) => ['surveys', 'report', id] as const,
  responses: ['surveys', 'responses'] as const,
};
