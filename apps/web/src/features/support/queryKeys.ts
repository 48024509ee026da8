/** The support feature's query keys: invalidating `all` refreshes every list and request of support. */
export const supportRequestKeys = {
  all: ['support'] as const,
  list: ['support', 'list'] as const,
  one: (id: string) => ['support', 'one', id] as const,
  settings: ['support', 'settings'] as const,
};
