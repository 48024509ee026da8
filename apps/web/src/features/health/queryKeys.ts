/** The health feature's query keys. */
export const healthKeys = {
  all: ['health'] as const,
  ofAccount: (accountId: string) => ['health', 'account', accountId] as const,
  pulses: (accountId: string) => ['health', 'pulses', accountId] as const,
  scorecards: ['health', 'scorecards'] as const,
  scorecard: (id: string) => ['health', 'scorecards', id] as const,
  measures: ['health', 'measures'] as const,
  settings: ['health', 'settings'] as const,
  portfolio: (by: string) => ['health', 'portfolio', by] as const,
  poorHealth: ['health', 'portfolio', 'poor-health'] as const,
  lowActivity: ['health', 'portfolio', 'low-activity'] as const,
  customFields: ['health', 'custom-fields'] as const,
};
