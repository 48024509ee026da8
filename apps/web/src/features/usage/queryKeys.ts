/** The usage feature's query keys: invalidating `all` refreshes sources and keys. */
export const usageKeys = {
  all: ['usage'] as const,
  sources: ['usage', 'sources'] as const,
  keys: ['usage', 'keys'] as const,
};
