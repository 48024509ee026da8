/** The plans feature's query keys: invalidating `all` refreshes the catalogue and the comparison. */
export const planKeys = {
  all: ['plans'] as const,
  list: ['plans', 'list'] as const,
  detail: (id: string) => ['plans', 'detail', id] as const,
  products: ['plans', 'products'] as const,
  features: ['plans', 'features'] as const,
  comparison: ['plans', 'comparison'] as const,
};
