import { api, unwrap } from '../../lib/api.ts';

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

/** An account's renewals (the Renewal tab and the header's next renewal share it). */
export function accountRenewalsQuery(accountId: string) {
  return {
    queryKey: renewalKeys.ofAccount(accountId),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/accounts/{id}/renewal-opportunities', { params: { path: { id: accountId }, query: { pageSize: 50 } } }),
      ),
  };
}
