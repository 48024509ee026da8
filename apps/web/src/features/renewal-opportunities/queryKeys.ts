/** The renewal-opportunities feature's query keys: invalidating `all` refreshes the board, the lists, the calendar and the account tab. */
export const renewalKeys = {
  all: ['renewal-opportunities'] as const,
  list: ['renewal-opportunities', 'list'] as const,
  board: ['renewal-opportunities', 'board'] as const,
  calendar: ['renewal-opportunities', 'calendar'] as const,
  one: (id: string) => ['renewal-opportunities', 'one', id] as const,
  settings: ['renewal-opportunities', 'settings'] as const,
  templates: ['renewal-opportunities', 'templates'] as const,
  ofAccount: (accountId: string) => ['renewal-opportunities', 'account', accountId] as const,
};
