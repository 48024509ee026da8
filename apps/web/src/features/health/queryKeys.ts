/** The health feature's query keys. */
export const healthKeys = {
  all: ['health'] as const,
  ofAccount: (accountId: string) => ['health', 'account', accountId] as const,
  pulses: (accountId: string) => ['health', 'pulses', accountId] as const,
  scorecards: ['health', 'scorecards'] as const,
  scorecard: (id: string) => ['health', 'scorecards', id] as const,
  measures: ['health', 'measures'] as const,
  settings: ['health', 'settings'] as const,
  customFields: ['health', 'custom-fields'] as const,
};
