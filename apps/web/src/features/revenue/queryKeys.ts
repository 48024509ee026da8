/** The revenue feature's query keys. Everything metric-shaped sits under ['metrics'], which subscription changes invalidate. */
export const revenueKeys = {
  all: ['metrics'] as const,
  series: (query: object) => ['metrics', 'series', query] as const,
  movements: (query: object) => ['metrics', 'movements', query] as const,
  accountChanges: (query: object) => ['metrics', 'account-changes', query] as const,
  settings: ['metrics', 'settings'] as const,
  rates: ['metrics', 'exchange-rates'] as const,
  costs: ['metrics', 'service-costs'] as const,
};
