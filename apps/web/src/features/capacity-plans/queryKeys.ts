/** The capacity feature's query keys. */
export const capacityKeys = {
  all: ['capacity'] as const,
  overview: ['capacity', 'overview'] as const,
  people: ['capacity', 'people'] as const,
};
